import { useState } from 'preact/hooks';
import type { PanelProps } from '../classroom';
import { Panel, TextField } from '../../ui/fields';
import { MAX_TEXT } from '../protocol';
import { isStaff, type Poll } from '../room-state';

/** Polls, quizzes and answer cards: students answer them; teachers see answers arrive and close them. */
export function PollsPanel(props: PanelProps) {
  const { room, t } = props;
  if (room.polls.length === 0) return null;
  const polls = [...room.polls].sort((a, b) => Number(a.closed) - Number(b.closed) || b.id - a.id);
  return (
    <Panel title={t('polls')} class="polls">
      {polls.map((p) => (isStaff(room.me.role) ? <PollResults key={p.id} poll={p} {...props} /> : <PollForm key={p.id} poll={p} {...props} />))}
    </Panel>
  );
}

function PollForm({ poll, room, t, send }: PanelProps & { poll: Poll }) {
  const [choices, setChoices] = useState<Record<number, number[]>>({});
  const [texts, setTexts] = useState<Record<number, string>>({});
  const done = room.me.participantId !== null && poll.answeredBy.includes(room.me.participantId);
  const complete = poll.questions.every((q) => (q.type === 'text' ? (texts[q.id] ?? '').trim() && (texts[q.id] ?? '').length <= MAX_TEXT : (choices[q.id] ?? []).length > 0));
  const submit = async () => {
    const answers: Record<string, number[] | string> = {};
    for (const q of poll.questions) answers[String(q.id)] = q.type === 'text' ? texts[q.id] ?? '' : choices[q.id] ?? [];
    await send({ type: 'poll.answer', pollId: poll.id, answers });
  };
  const toggle = (qid: number, oid: number, multi: boolean) => {
    const now = choices[qid] ?? [];
    setChoices({ ...choices, [qid]: multi ? (now.includes(oid) ? now.filter((x) => x !== oid) : [...now, oid]) : [oid] });
  };
  return (
    <form class="poll" data-testid={`poll-${poll.id}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{poll.kind === 'quiz' ? t('quiz') : t('poll')}: {poll.title} {poll.closed && <span class="badge">{t('pollClosed')}</span>}</h3>
      {poll.questions.map((q) => (
        <fieldset key={q.id} disabled={poll.closed || done}>
          <legend>{q.content}</legend>
          {q.type === 'text'
            ? <TextField label={q.content} hideLabel value={texts[q.id] ?? ''} onInput={(v) => setTexts({ ...texts, [q.id]: v })} max={MAX_TEXT} t={t} multiline />
            : q.options.map((o) => (
              <label key={o.id} class="option">
                <input type={q.type === 'multi' ? 'checkbox' : 'radio'} name={`poll-${poll.id}-q-${q.id}`} checked={(choices[q.id] ?? []).includes(o.id)}
                  onChange={() => toggle(q.id, o.id, q.type === 'multi')} />
                {o.value}
              </label>
            ))}
        </fieldset>
      ))}
      {done ? <p class="done" role="status">{t('answered')}</p> : !poll.closed && <button type="submit" class="primary" disabled={!complete}>{t('submitAnswer')}</button>}
    </form>
  );
}

function PollResults({ poll, room, t, send }: PanelProps & { poll: Poll }) {
  const all = Object.values(poll.answers);
  return (
    <div class="poll" data-testid={`poll-${poll.id}`}>
      <h3>{poll.kind === 'quiz' ? t('quiz') : t('poll')}: {poll.title} {poll.closed && <span class="badge">{t('pollClosed')}</span>}</h3>
      <p role="status" data-testid="poll-count">{t('answeredCount', { n: poll.answeredBy.length })}: {poll.answeredBy.map((id) => room.names[id] ?? '?').join('、')}</p>
      {poll.questions.map((q) => (
        <div key={q.id}>
          <p class="q">{q.content}</p>
          {q.type === 'text'
            ? <ul>{all.map((a, i) => (typeof a[String(q.id)] === 'string' ? <li key={i}>{a[String(q.id)] as string}</li> : null))}</ul>
            : (
              <ul class="tally">
                {q.options.map((o) => {
                  const n = all.filter((a) => Array.isArray(a[String(q.id)]) && (a[String(q.id)] as number[]).includes(o.id)).length;
                  const width = all.length ? Math.round((100 * n) / all.length) : 0;
                  return <li key={o.id}><span class="opt">{o.value}</span> <span class="bar" style={{ width: `${width}%` }} aria-hidden="true" /> <span class="n">{t('votes', { n })}</span></li>;
                })}
              </ul>
            )}
        </div>
      ))}
      {!poll.closed && <button type="button" onClick={() => void send({ type: 'poll.close', pollId: poll.id })}>{t('closePoll')}</button>}
    </div>
  );
}
