/** Ring or space-time: which picture of the cluster the cluster area shows. */
import { useStore, type ClusterViewKind } from '../../store';
import { useT } from '../i18n';

const VIEWS: readonly ClusterViewKind[] = ['ring', 'spaceTime'];

export function ClusterViewSwitch({ floating = false }: { floating?: boolean }) {
  const t = useT();
  const view = useStore((s) => s.ui.clusterView);
  return (
    <div className={`cluster-view-switch${floating ? ' floating' : ''}`} role="group" aria-label={t('st.view.label')}>
      {VIEWS.map((v) => (
        <button key={v} type="button" aria-pressed={view === v} onClick={() => useStore.getState().setClusterView(v)} data-testid={`view-${v}`}>
          {t(v === 'ring' ? 'st.view.ring' : 'st.view.spaceTime')}
        </button>
      ))}
    </div>
  );
}
