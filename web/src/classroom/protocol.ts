/** The live protocol, from the server's own definitions (protocol.ts has no runtime imports, so only its constants are bundled). */
export type { ServerMessage, WelcomeMessage, EventMessage, ClientCommand, PresentPerson, PresenceDeltaMessage, ErrorCode, PollQuestionInput } from '../../../src/live/protocol';
export type { ClassroomEventData, PublishedPollQuestion } from '../../../src/core/events';
export { MAX_TEXT, MAX_NAME } from '../../../src/live/protocol';
