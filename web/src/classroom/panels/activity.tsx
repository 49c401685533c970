import type { PanelProps } from '../classroom';
import { Panel } from '../../ui/fields';
import type { Activity } from '../room-state';

/** The class's happenings: start and end, raised hands, praise, red packets, lottery winners (newest first). */
export function ActivityPanel({ room, t }: PanelProps) {
  const line = (a: Activity): string => {
    switch (a.kind) {
      case 'class': return t(a.started ? 'activity.started' : 'activity.ended');
      case 'hand': return t('activity.hand', { name: a.name });
      case 'lottery': return a.names.length ? t('activity.lottery', { prize: a.prize, names: a.names.join('、') }) : t('activity.lotteryNone', { prize: a.prize });
      case 'reward':
        if (a.rewardKind === 'praise') return t('activity.praise', { from: t('role.host'), to: a.to ?? '' });
        if (a.rewardKind === 'red_packet') return t('activity.red_packet', { to: a.to ?? '', amount: a.amount });
        return t('activity.reward', { to: a.to ?? '' });
    }
  };
  return (
    <Panel title={t('activity')} class="activity">
      <ul data-testid="activity" aria-live="polite">
        {[...room.activity].reverse().slice(0, 30).map((a) => <li key={a.id} class={a.kind === 'reward' && a.toId === room.me.participantId ? 'mine' : undefined}>{line(a)}</li>)}
      </ul>
    </Panel>
  );
}
