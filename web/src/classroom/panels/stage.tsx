import type { PanelProps } from '../classroom';
import { Panel } from '../../ui/fields';

/** Only web links become links: an announcement's `javascript:` or other scheme stays text. */
const safeLink = (link: string | null) => (link && /^https?:\/\//i.test(link) ? link : null);

/** The stage: announcement, the document page the teacher shows, the video area, and (students) raising a hand. */
export function StagePanel({ room, t, send }: PanelProps) {
  const a = room.announcement;
  const myHand = room.hands.some((h) => h.participantId === room.me.participantId);
  return (
    <Panel title={t('document')} class="stage">
      <div class="announcement" aria-label={t('announcement')} data-testid="announcement">
        <strong>{t('announcement')}：</strong>
        {a ? <span>{a.content}{safeLink(a.link) && <> · <a href={safeLink(a.link)!} target="_blank" rel="noopener noreferrer">{a.link}</a></>}</span> : <span class="muted">{t('noAnnouncement')}</span>}
      </div>
      <div class="document" data-testid="document" aria-live="polite">
        {room.document
          ? <div class="doc-page"><span class="doc-title">{room.document.title ?? t('document')}</span><span class="doc-number">{t('page', { page: room.document.page })}</span></div>
          : <p class="muted">{t('noDocument')}</p>}
      </div>
      <div class="video" aria-label={t('video')}><p class="muted">{t('noVideo')}</p></div>
      {room.me.role === 'student' && (
        <button type="button" onClick={() => void send({ type: 'hand.raise' })} aria-pressed={myHand}>{myHand ? t('handUp') : t('raiseHand')}</button>
      )}
    </Panel>
  );
}
