// The partner view's pages and navigation (partner_admin, partner_user).
import './partner.css';
import { Dashboard } from './dashboard.jsx';
import { Agreements } from './agreements.jsx';

export const partnerRoutes = [
  { path: '/', component: Dashboard },
  { path: '/agreements', component: Agreements },
];

export const partnerNav = [
  { to: '/', label: 'Dashboard', icon: '◧' },
  { to: '/agreements', label: 'Agreements', icon: '✎' },
];
