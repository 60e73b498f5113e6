// The end-to-end tests, in one process with one browser (tests/e2e/run runs
// this file; lib.js says what it needs). Each part makes its own browser
// contexts, so a part does not depend on another, but they run in this
// order: the read-only parts first, then the journey (which changes
// orchard-crm's tier), so the tour's screenshots show the data set as
// imported, and the keyboard tests (which add a story) after it, then the
// pending invitations (which add one and revoke it).
import { after } from 'node:test';
import { closeBrowser } from './lib.js';
import './browser.js';
import './public.js';
import './phone.js';
import './pages.js';
import './journey.js';
import './keyboard.js';
import './invitations.js';

after(closeBrowser);
