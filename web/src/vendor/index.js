// The partnerships team's pages and navigation (vendor roles). A route's
// roles are those the API allows for what the page needs (`consort routes`);
// the nav hides what the signed-in role cannot use.
import './vendor.css';
import { Overview } from './overview.jsx';
import { Partners } from './partners.jsx';
import { PartnerPage } from './partner.jsx';
import { Evaluations } from './evaluations.jsx';
import { Reviews } from './reviews.jsx';
import { ProgramList, ProgramPage } from './programs.jsx';
import { Reports } from './reports.jsx';
import { Import } from './importer.jsx';
import { Audit } from './audit.jsx';
import { Users } from './users.jsx';

const MANAGE = ['admin', 'partner_manager']; // evaluations, proposals, reviews, deactivation
const IMPORT = ['admin', 'partner_manager', 'finance']; // POST /api/v1/imports/{kind}
const ADMIN = ['admin']; // audit log, users

export const vendorRoutes = [
  { path: '/', component: Overview },
  { path: '/partners', component: Partners },
  { path: '/partners/:key', component: PartnerPage },
  { path: '/evaluations', component: Evaluations, roles: MANAGE },
  { path: '/reviews', component: Reviews, roles: MANAGE },
  { path: '/programs', component: ProgramList },
  { path: '/programs/:key', component: ProgramPage },
  { path: '/reports', component: Reports },
  { path: '/import', component: Import, roles: IMPORT },
  { path: '/audit', component: Audit, roles: ADMIN },
  { path: '/users', component: Users, roles: ADMIN },
];

export const vendorNav = [
  { to: '/', label: 'Overview', icon: '◧' },
  { to: '/partners', label: 'Partners', icon: '◫' },
  { to: '/evaluations', label: 'Evaluations', icon: '⇅', roles: MANAGE },
  { to: '/reviews', label: 'Inactivity review', icon: '◷', roles: MANAGE },
  { to: '/programs', label: 'Programs', icon: '▤' },
  { to: '/reports', label: 'Reports', icon: '▥' },
  { to: '/import', label: 'Import', icon: '⇪', roles: IMPORT },
  { to: '/audit', label: 'Audit log', icon: '≡', roles: ADMIN },
  { to: '/users', label: 'Users', icon: '☺', roles: ADMIN },
];
