import { PageHeader } from '../ui.jsx';
import { useMe } from '../session.js';

export function Dashboard() {
  const me = useMe();
  return <PageHeader title="Dashboard" subtitle={me.partner} />;
}
