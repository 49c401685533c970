import { useState } from 'preact/hooks';
import type { PanelProps } from '../classroom';
import { Panel } from '../../ui/fields';
import { isStaff } from '../room-state';

/** Who is here; raised hands first. Teachers praise, send red packets, mute and remove from here. */
export function PeoplePanel({ room, t, send }: PanelProps) {
  const [amount, setAmount] = useState('1');
  const staff = isStaff(room.me.role);
  const host = room.me.role === 'host';
  const me = room.me.participantId;
  const raised = new Set(room.hands.map((h) => h.participantId));
  const people = [...room.present].sort((a, b) => Number(raised.has(b.participantId)) - Number(raised.has(a.participantId)));
  const amountValue = Number(amount);
  const amountOk = Number.isSafeInteger(amountValue) && amountValue > 0 && amountValue <= 100000;
  return (
    <Panel title={`${t('people')} (${room.presentTotal})`} class="people">
      {staff && (
        <label class="amount">{t('redPacket')} · {t('amount')}
          <input type="number" min={1} max={100000} value={amount} onInput={(e) => setAmount(e.currentTarget.value)} aria-invalid={!amountOk} />
        </label>
      )}
      <ul data-testid="people">
        {people.map((p) => {
          const isMuted = room.muted.includes(p.participantId);
          return (
            <li key={p.participantId} class={raised.has(p.participantId) ? 'hand' : undefined}>
              <span class="who">{p.name}{p.participantId === me ? t('you') : ''}</span>
              <span class="role">{t(`role.${p.role === 'host' || p.role === 'assistant' ? p.role : 'student'}`)}</span>
              {raised.has(p.participantId) && <span class="tag" role="img" aria-label={t('handRaised')}>{t('handRaised')}</span>}
              {staff && p.participantId !== me && (
                <span class="actions">
                  <button type="button" aria-label={`${t('praise')} ${p.name}`} onClick={() => void send({ type: 'reward', to: p.participantId, kind: 'praise' })}>{t('praise')}</button>
                  <button type="button" aria-label={`${t('sendRedPacket')} ${p.name}`} disabled={!amountOk} onClick={() => void send({ type: 'reward', to: p.participantId, kind: 'red_packet', amount: amountValue })}>{t('redPacket')}</button>
                  {host && <button type="button" aria-label={`${isMuted ? t('unmute') : t('mute')} ${p.name}`} aria-pressed={isMuted} onClick={() => void send({ type: 'mute', participantId: p.participantId, muted: !isMuted })}>{isMuted ? t('unmute') : t('mute')}</button>}
                  {host && <button type="button" class="danger" aria-label={`${t('remove')} ${p.name}`} onClick={() => { if (confirm(t('confirmRemove', { name: p.name }))) void send({ type: 'remove', participantId: p.participantId }); }}>{t('remove')}</button>}
                </span>
              )}
            </li>
          );
        })}
        {room.presentTotal > room.present.length && <li class="more" data-testid="people-more">+{room.presentTotal - room.present.length}</li>}
      </ul>
    </Panel>
  );
}
