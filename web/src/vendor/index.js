// The partnerships team's pages and navigation (vendor roles).
import { Partners } from './partners.jsx';

export const vendorRoutes = [{ path: '/', component: Partners }];

export const vendorNav = [{ to: '/', label: 'Partners', icon: '◧' }];
