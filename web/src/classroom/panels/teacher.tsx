import { useState } from 'preact/hooks';
import type { PanelProps } from '../classroom';
import { Panel, TextField, sendable } from '../../ui/fields';
import { MAX_TEXT, type PollQuestionInput } from '../protocol';

/** Runs the class: start and end, announcement, polls and quizzes, roll-call, lottery, the document page. */
export function TeacherControls({ room, t, send }: PanelProps) {
  const host = room.me.role === 'host';
  const [announcement, setAnnouncement] = useState('');
  const [prize, setPrize] = useState('');
  const [winners, setWinners] = useState('1');
  const openRollcall = room.rollcalls.some((r) => r.open);
  const page = room.document?.page ?? 0;
  const winnerCount = Number(winners);
  return (
    <Panel title={t('controls')} class="controls">
      <div class="row">
        {host && (room.classStarted
          ? <button type="button" class="danger" onClick={() => void send({ type: 'class.end' })}>{t('endClass')}</button>
          : <button type="button" class="primary" onClick={() => void send({ type: 'class.start' })}>{t('startClass')}</button>)}
        <button type="button" disabled={openRollcall} onClick={() => void send({ type: 'rollcall.start' })}>{t('startRollcall')}</button>
      </div>
      <form class="row" onSubmit={async (e) => { e.preventDefault(); if (sendable(announcement, MAX_TEXT) && await send({ type: 'announce', content: announcement })) setAnnouncement((now) => (now === announcement ? '' : now)); }}>
        <TextField label={t('announcementText')} value={announcement} onInput={setAnnouncement} max={MAX_TEXT} t={t} />
        <button type="submit" disabled={!sendable(announcement, MAX_TEXT)}>{t('setAnnouncement')}</button>
      </form>
      <div class="row" role="group" aria-label={t('showPage')}>
        <span>{t('showPage')}</span>
        <button type="button" disabled={page <= 1} onClick={() => void send({ type: 'document.show', page: page - 1 })}>{t('prevPage')}</button>
        <span aria-live="polite">{page ? t('page', { page }) : '—'}</span>
        <button type="button" onClick={() => void send({ type: 'document.show', page: page + 1 })}>{t('nextPage')}</button>
      </div>
      <form class="row" onSubmit={async (e) => { e.preventDefault(); if (sendable(prize, 200) && await send({ type: 'lottery.draw', prize, winners: winnerCount })) setPrize((now) => (now === prize ? '' : now)); }}>
        <TextField label={`${t('lottery')} · ${t('prize')}`} value={prize} onInput={setPrize} max={200} t={t} />
        <label class="small">{t('winners')}<input type="number" min={1} max={100} value={winners} onInput={(e) => setWinners(e.currentTarget.value)} /></label>
        <button type="submit" disabled={!sendable(prize, 200) || !(winnerCount >= 1 && winnerCount <= 100)}>{t('draw')}</button>
      </form>
      <PollComposer t={t} send={send} room={room} />
    </Panel>
  );
}

function PollComposer({ t, send }: PanelProps) {
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [kind, setKind] = useState<'vote' | 'quiz'>('vote');
  const [multi, setMulti] = useState(false);
  const [correct, setCorrect] = useState('');
  const lines = options.split('\n').map((l) => l.trim()).filter(Boolean);
  const correctIds = correct.split(/[\s,，]+/).filter(Boolean).map(Number);
  const ok = sendable(title, 200) && sendable(question, MAX_TEXT) && lines.length >= 2 && lines.length <= 26 && lines.every((l) => l.length <= 200)
    && correctIds.every((n) => Number.isInteger(n) && n >= 1 && n <= lines.length);
  const publish = async () => {
    if (!ok) return;
    const q: PollQuestionInput = {
      type: multi ? 'multi' : 'single', content: question,
      options: lines.map((value, i) => (correctIds.length ? { value, correct: correctIds.includes(i + 1) } : { value })),
    };
    if (await send({ type: 'poll.publish', title, kind, questions: [q] })) {
      setTitle(''); setQuestion(''); setOptions(''); setCorrect('');
    }
  };
  return (
    <form class="composer" onSubmit={(e) => { e.preventDefault(); void publish(); }}>
      <h3>{t('polls')}</h3>
      <TextField label={t('pollTitle')} value={title} onInput={setTitle} max={200} t={t} />
      <TextField label={t('pollQuestion')} value={question} onInput={setQuestion} max={MAX_TEXT} t={t} />
      <TextField label={t('pollOptions')} value={options} onInput={setOptions} max={5000} t={t} multiline />
      <div class="row">
        <label>{t('pollKind')}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value === 'quiz' ? 'quiz' : 'vote')}>
            <option value="vote">{t('poll')}</option>
            <option value="quiz">{t('quiz')}</option>
          </select>
        </label>
        <label class="check"><input type="checkbox" checked={multi} onChange={(e) => setMulti(e.currentTarget.checked)} /> {t('pollMulti')}</label>
      </div>
      <TextField label={t('pollCorrect')} value={correct} onInput={setCorrect} max={100} t={t} />
      <button type="submit" class="primary" disabled={!ok}>{t('publishPoll')}</button>
    </form>
  );
}
