// The partner view's pages and navigation (partner_admin, partner_user).
import './partner.css';
import { Dashboard } from './dashboard.jsx';
import { Agreements } from './agreements.jsx';
import { Solutions, SolutionEdit } from './solutions.jsx';
import { Stories, StoryEdit } from './stories.jsx';
import { Deals } from './deals.jsx';
import { Team } from './team.jsx';
import { Listing } from './listing.jsx';

const ADMIN = ['partner_admin'];

export const partnerRoutes = [
  { path: '/', component: Dashboard },
  { path: '/agreements', component: Agreements },
  { path: '/solutions', component: Solutions },
  { path: '/solutions/new', component: SolutionEdit },
  { path: '/solutions/:key', component: SolutionEdit },
  { path: '/stories', component: Stories },
  { path: '/stories/new', component: StoryEdit },
  { path: '/stories/:key', component: StoryEdit },
  { path: '/deals', component: Deals },
  { path: '/team', component: Team, roles: ADMIN },
  { path: '/listing', component: Listing },
];

export const partnerNav = [
  { to: '/', label: 'Dashboard', icon: '◧' },
  { to: '/agreements', label: 'Agreements', icon: '✎' },
  { to: '/solutions', label: 'Solutions', icon: '◈' },
  { to: '/stories', label: 'Stories', icon: '✦' },
  { to: '/deals', label: 'Deals & revenue', icon: '$' },
  { to: '/team', label: 'Team', icon: '☺', roles: ADMIN },
  { to: '/listing', label: 'Listing & badge', icon: '★' },
];
