// The shell: session, login, navigation by role, and the page for the path.
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api.js';
import { Link, matchPath, navigate, useLocation } from './router.jsx';
import { ROLE_NAMES, SessionContext, isPartner } from './session.js';
import { Loading, ErrorBox, Notices, Empty } from './ui.jsx';
import { LoginPage, InvitationPage } from './pages/login.jsx';
import { partnerNav, partnerRoutes } from './partner/index.js';
import { vendorNav, vendorRoutes } from './vendor/index.js';

function resolve(routes, path) {
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (params) return { route: r, params };
  }
  return null;
}

function NotFound() {
  return (
    <Empty title="Page not found" icon="?" level={1} action={<Link class="btn btn-primary" to="/">Go to the dashboard</Link>}>
      The address may be mistyped, or the page may have moved.
    </Empty>
  );
}

function Shell({ me, onLogout, children, nav, path }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef(null);
  const toggle = useRef(null);
  // Escape closes the phone's menu (from its button or its links) and gives the focus back to its button.
  const onKey = (e) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    if (toggle.current) toggle.current.focus();
  };
  const shown = useRef(null);
  useEffect(() => {
    setMenuOpen(false);
    // After following a link the focus goes to the new page's content (not the
    // top of the document, nor a link that is gone), as a page load would let
    // a keyboard or screen reader user start there.
    if (shown.current !== null && shown.current !== path && main.current) main.current.focus({ preventScroll: true });
    shown.current = path;
  }, [path]);
  const active = (item) => (item.to === '/' ? path === '/' : path === item.to || path.startsWith(item.to + '/'));
  return (
    <div class="shell" onKeyDown={onKey}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-toggle"
          ref={toggle}
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">☰</span>
          <span class="sr-only">Menu</span>
        </button>
        <Link to="/" class="brand">
          <img src="/app/favicon.svg" alt="" width="24" height="24" />
          <span>Consort</span>
        </Link>
        <div class="topbar-user">
          <span class="user-email">{me.email}</span>
          <span class="user-role">
            {ROLE_NAMES[me.role] || me.role}
            {me.partner ? ` · ${me.partner}` : ''}
          </span>
          <button type="button" class="btn btn-ghost btn-sm" onClick={onLogout}>
            Log out
          </button>
        </div>
      </header>
      <div class="body">
        <nav id="sidenav" class={'sidenav' + (menuOpen ? ' open' : '')} aria-label="Main">
          <ul>
            {nav
              .filter((n) => !n.roles || n.roles.includes(me.role))
              .map((n) => (
                <li key={n.to}>
                  <Link to={n.to} class={active(n) ? 'active' : ''} aria-current={active(n) ? 'page' : undefined}>
                    <span class="nav-icon" aria-hidden="true">
                      {n.icon}
                    </span>
                    {n.label}
                  </Link>
                </li>
              ))}
          </ul>
          <div class="sidenav-foot">
            <a href="/partners">Public directory ↗</a>
          </div>
        </nav>
        <main id="main" class="main" tabIndex={-1} ref={main}>
          {children}
        </main>
      </div>
    </div>
  );
}

export function App() {
  const loc = useLocation();
  const [me, setMe] = useState(undefined); // undefined: not known yet
  const [error, setError] = useState(null);

  const load = () =>
    api.session().then(
      (m) => {
        setMe(m);
        setError(null);
      },
      (e) => setError(e),
    );
  useEffect(() => {
    api.whenSignedOut(() => setMe(null));
    load();
  }, []);

  const invite = matchPath('/invitations/:code', loc.path);
  if (invite) return <InvitationPage code={invite.code} onDone={load} />;
  if (error)
    return (
      <main class="center-page">
        <ErrorBox error={error} retry={load} title="Cannot reach Consort" />
      </main>
    );
  if (me === undefined) return <Loading label="Starting…" />;
  if (!me)
    return (
      <>
        <LoginPage onLogin={setMe} />
        <Notices />
      </>
    );

  const partner = isPartner(me);
  const routes = partner ? partnerRoutes : vendorRoutes;
  const nav = partner ? partnerNav : vendorNav;
  const found = resolve(routes, loc.path);
  const allowed = found && (!found.route.roles || found.route.roles.includes(me.role));
  const Page = found && allowed ? found.route.component : NotFound;
  const logout = async () => {
    await api.logout().catch(() => {});
    setMe(null);
    navigate('/');
  };
  return (
    <SessionContext.Provider value={me}>
      <Shell me={me} onLogout={logout} nav={nav} path={loc.path}>
        <Page key={loc.path} params={found ? found.params : {}} query={loc.query} />
      </Shell>
      <Notices />
    </SessionContext.Provider>
  );
}
