import { useEffect, useRef, useState } from 'preact/hooks';
import { otherLanguageHref, type Lang, type Translate } from '../i18n';
import type { Admission } from './admission';
import { LiveConnection, type CommandError, type ConnectionStatus, type EndReason } from './connection';
import type { ClientCommand } from './protocol';
import { applyEvent, applyPresenceDelta, fromWelcome, isStaff, type RoomState } from './room-state';
import { ChatPanel } from './panels/chat';
import { QuestionsPanel } from './panels/questions';
import { PollsPanel } from './panels/polls';
import { RollcallPanel } from './panels/rollcall';
import { PeoplePanel } from './panels/people';
import { StagePanel } from './panels/stage';
import { TeacherControls } from './panels/teacher';
import { ActivityPanel } from './panels/activity';

/** What every panel gets: the room, the translator, and a way to send a command. */
export interface PanelProps {
  room: RoomState;
  t: Translate;
  send(command: ClientCommand): Promise<Record<string, unknown> | undefined>;
}

/** The live classroom: one connection, the room state folded from its messages, and the panels for this role. */
export function Classroom(props: { admission: Admission; t: Translate; lang: Lang; onEnded(why: EndReason): void }) {
  const { t } = props;
  const [room, setRoom] = useState<RoomState | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [reconnected, setReconnected] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const conn = useRef<LiveConnection | null>(null);

  useEffect(() => {
    let shownUntil: ReturnType<typeof setTimeout> | undefined;
    const c = new LiveConnection(props.admission.ticket, {
      message(m) {
        if (m.type === 'welcome') setRoom((prev) => fromWelcome(m, prev ?? undefined));
        else if (m.type === 'event') setRoom((prev) => (prev ? applyEvent(prev, m) : prev));
        else if (m.type === 'presence.delta') setRoom((prev) => (prev ? applyPresenceDelta(prev, m) : prev));
      },
      status(s, info) {
        setStatus(s);
        if (info.reconnected) {
          setReconnected(true);
          clearTimeout(shownUntil);
          shownUntil = setTimeout(() => setReconnected(false), 5000);
        }
        if (info.ended) props.onEnded(info.ended);
      },
    });
    conn.current = c;
    c.start();
    return () => c.stop();
  }, [props.admission.ticket]);

  const send = async (command: ClientCommand) => {
    setProblem(null);
    try {
      return await conn.current!.send(command);
    } catch (err) {
      const e = err as CommandError;
      setProblem(t(e.code === 'forbidden' ? 'error.forbidden' : 'error.generic', { message: e.message }));
      return undefined;
    }
  };

  const statusText = reconnected && status === 'open' ? t('status.reconnected') : t(`status.${status}`);
  const header = (
    <header class="room-head">
      <h1 class="room-title">{room?.title ?? props.admission.room.title}</h1>
      <span class={`badge class-state ${room?.classStarted ? 'live' : ''}`}>
        {room?.classStarted ? t('classLive') : room?.classEnded ? t('classEnded') : t('classNotStarted')}
      </span>
      <span class="badge">{t(`role.${props.admission.role}`)} · {props.admission.name}</span>
      <span class={`badge conn conn-${status}`} role="status" data-testid="connection">{statusText}</span>
      <a class="lang" href={otherLanguageHref(props.lang)}>{t('switchLanguage')}</a>
    </header>
  );
  if (!room) return <div class="room">{header}<p class="loading">{t('status.connecting')}</p></div>;
  const panelProps: PanelProps = { room, t, send };
  const staff = isStaff(room.me.role);
  return (
    <div class={`room ${staff ? 'teacher-view' : 'student-view'}`}>
      {header}
      {problem && <p class="problem" role="alert">{problem}</p>}
      <main class="room-main">
        <div class="col-stage">
          <StagePanel {...panelProps} />
          {staff && <TeacherControls {...panelProps} />}
          <PollsPanel {...panelProps} />
          <RollcallPanel {...panelProps} />
        </div>
        <div class="col-side">
          <ChatPanel {...panelProps} />
          <QuestionsPanel {...panelProps} />
          <PeoplePanel {...panelProps} />
          <ActivityPanel {...panelProps} />
        </div>
      </main>
    </div>
  );
}

