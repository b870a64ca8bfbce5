import Widgets from './widgets';

export default function Page() {
  return <Widgets />;
}
