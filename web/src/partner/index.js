// The partner view's pages and navigation (partner_admin, partner_user).
import './partner.css';
import { Dashboard } from './dashboard.jsx';

export const partnerRoutes = [{ path: '/', component: Dashboard }];

export const partnerNav = [{ to: '/', label: 'Dashboard', icon: '◧' }];
