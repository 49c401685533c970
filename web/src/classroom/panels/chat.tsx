import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelProps } from '../classroom';
import { Panel, TextField, sendable } from '../../ui/fields';
import { MAX_TEXT } from '../protocol';

/** Public and private chat: messages in order, a box (聊天/Chat) and its button (发送/Send). */
export function ChatPanel({ room, t, send }: PanelProps) {
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const me = room.me.participantId;
  const muted = me !== null && room.muted.includes(me);
  const others = room.present.filter((p) => p.participantId !== me);
  useEffect(() => { list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' }); }, [room.chat.length]);

  const submit = async () => {
    if (!sendable(text, MAX_TEXT) || muted) return;
    const sent = text;
    const ok = await send(to ? { type: 'chat', content: text, to: Number(to) } : { type: 'chat', content: text });
    // Cleared only if unchanged: what was typed while the message was on its way stays.
    if (ok) setText((now) => (now === sent ? '' : now));
  };
  return (
    <Panel title={t('chat')} class="chat">
      <ol class="chat-list" ref={list} aria-live="polite" data-testid="chat-list">
        {room.chat.length === 0 && <li class="muted">{t('noChat')}</li>}
        {room.chat.map((c) => (
          <li key={c.id} class={c.to !== null ? 'private' : undefined}>
            <span class="who">{c.fromName}{c.from === me ? t('you') : ''}</span>
            {c.to !== null && <span class="tag">{c.from === me ? t('privateTo', { name: room.names[c.to] ?? '?' }) : t('privateFrom')}</span>}
            <span class="text">{c.content}</span>
          </li>
        ))}
      </ol>
      {muted && <p class="muted" role="status">{t('muted')}</p>}
      <form class="chat-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label class="to">
          <span>{t('chatTo')}</span>
          <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="">{t('everyone')}</option>
            {others.map((p) => <option key={p.participantId} value={String(p.participantId)}>{p.name}</option>)}
          </select>
        </label>
        <TextField label={t('chat')} hideLabel value={text} onInput={setText} max={MAX_TEXT} t={t} />
        <button type="submit" disabled={!sendable(text, MAX_TEXT) || muted}>{t('send')}</button>
      </form>
    </Panel>
  );
}
