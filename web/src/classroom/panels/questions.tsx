import { useState } from 'preact/hooks';
import type { PanelProps } from '../classroom';
import { Panel, TextField, sendable } from '../../ui/fields';
import { MAX_TEXT } from '../protocol';
import { isStaff, type Question } from '../room-state';

/** Q&A: anyone asks; teachers and assistants answer (published, or to the asker only). Students see their own and published ones. */
export function QuestionsPanel({ room, t, send }: PanelProps) {
  const [text, setText] = useState('');
  const staff = isStaff(room.me.role);
  const shown = staff ? room.questions : room.questions.filter((q) => q.askerId === room.me.participantId || q.published);
  const submit = async () => {
    if (!sendable(text, MAX_TEXT)) return;
    const sent = text;
    if (await send({ type: 'ask', content: sent })) setText((now) => (now === sent ? '' : now));
  };
  return (
    <Panel title={t('questions')} class="questions">
      <ul class="question-list" data-testid="questions" aria-live="polite">
        {shown.length === 0 && <li class="muted">{t('noQuestions')}</li>}
        {shown.map((q) => <QuestionItem key={q.id} q={q} staff={staff} t={t} send={send} room={room} />)}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('askPlaceholder')} value={text} onInput={setText} max={MAX_TEXT} t={t} />
        <button type="submit" disabled={!sendable(text, MAX_TEXT)}>{t('ask')}</button>
      </form>
    </Panel>
  );
}

function QuestionItem({ q, staff, t, send }: PanelProps & { q: Question; staff: boolean }) {
  const [answer, setAnswer] = useState('');
  const [publish, setPublish] = useState(true);
  return (
    <li>
      <p><span class="who">{q.askerName}</span> <span class="text">{q.content}</span></p>
      {q.answered
        ? (q.answer !== null ? <p class="answer"><span class="who">{t('answeredBy', { name: q.answererName ?? '' })}</span> <span class="text">{q.answer}</span></p> : <p class="muted">{t('answeredPrivately')}</p>)
        : <p class="muted">{t('waitingAnswer')}</p>}
      {staff && !q.answered && (
        <form onSubmit={async (e) => { e.preventDefault(); if (sendable(answer, MAX_TEXT) && await send({ type: 'answer', questionId: q.id, content: answer, publish })) setAnswer(''); }}>
          <TextField label={`${t('answerLabel')}: ${q.content.slice(0, 40)}`} hideLabel value={answer} onInput={setAnswer} max={MAX_TEXT} t={t} placeholder={t('answerLabel')} />
          <label class="check"><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} /> {t('publishAnswer')}</label>
          <button type="submit" disabled={!sendable(answer, MAX_TEXT)}>{t('answerSend')}</button>
        </form>
      )}
    </li>
  );
}
