import { PageHeader } from '../ui.jsx';

export function Partners() {
  return <PageHeader title="Partners" />;
}
