import type { PanelProps } from '../classroom';
import { Panel } from '../../ui/fields';
import { isStaff } from '../room-state';

/** The latest roll-call: students check in; teachers see who did, and end it. */
export function RollcallPanel({ room, t, send }: PanelProps) {
  const rc = room.rollcalls[room.rollcalls.length - 1];
  if (!rc) return null;
  const me = room.me.participantId;
  const staff = isStaff(room.me.role);
  const checked = me !== null && rc.checkedIn.includes(me);
  return (
    <Panel title={t('rollcall')} class="rollcall">
      <p role="status">{rc.open ? t('rollcallOpen') : t('rollcallEnded')}</p>
      {!staff && rc.open && (checked
        ? <p class="done">{t('checkedIn')}</p>
        : <button type="button" class="primary" onClick={() => void send({ type: 'rollcall.answer', rollcallId: rc.id })}>{t('checkIn')}</button>)}
      {staff && (
        <>
          <p data-testid="rollcall-list">{t('checkedInList', { n: rc.checkedIn.length })}: {rc.checkedIn.map((id) => room.names[id] ?? '?').join('、')}</p>
          {rc.open && <button type="button" onClick={() => void send({ type: 'rollcall.end', rollcallId: rc.id })}>{t('endRollcall')}</button>}
        </>
      )}
    </Panel>
  );
}
