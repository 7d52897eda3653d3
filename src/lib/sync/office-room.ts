// A review's room when its invite names an office peer: the WebRTC room and the office peer on the
// same Y.Doc, reported as one status (the office counts as a peer once it answers). Presence goes
// through the office (its awareness); the WebRTC awareness keeps only what the mesh relay needs.
import { ObservableV2 } from 'lib0/observable';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { OfficePeer } from './office-peer.ts';
import type { OfficeOptions } from './office-status.ts';
import { Room, type RoomEvents, type RoomOptions, type RoomStatus } from './room.ts';

export class OfficeRoom extends ObservableV2<Pick<RoomEvents, 'status'>> {
  readonly room: Room;
  readonly office: OfficePeer;
  #status: RoomStatus;
  #destroyed = false;

  constructor(doc: Y.Doc, options: RoomOptions & { office: OfficeOptions }) {
    super();
    const { office, ...webrtc } = options;
    this.room = new Room(doc, webrtc);
    this.office = new OfficePeer(doc, options.roomName, office);
    this.#status = this.#combine();
    this.room.on('status', this.#update);
    this.office.on('status', this.#update);
  }

  get status(): RoomStatus {
    return this.#status;
  }
  get awareness(): Awareness {
    return this.office.awareness;
  }
  /** The mesh relay of the WebRTC room (the benchmark reads its counters). */
  get relay(): Room['relay'] {
    return this.room.relay;
  }

  #combine(): RoomStatus {
    const webrtc = this.room.status;
    const office = this.office.status;
    const peers = webrtc.peers + (office.state === 'connected' ? 1 : 0);
    const state = peers > 0 ? 'connected' : webrtc.state === 'offline' && office.state === 'connecting' ? 'connecting' : webrtc.state;
    return { ...webrtc, state, peers, office };
  }

  #update = (): void => {
    if (this.#destroyed) return;
    const next = this.#combine();
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    this.emit('status', [next]);
  };

  override destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.room.off('status', this.#update);
    this.office.off('status', this.#update);
    this.office.destroy();
    this.room.destroy();
    super.destroy();
  }
}

/** The room a review's invite asks for: WebRTC alone, or WebRTC and its office peer. */
export function openRoom(doc: Y.Doc, options: RoomOptions): Room | OfficeRoom {
  const { office, ...rest } = options;
  return office ? new OfficeRoom(doc, { ...rest, office }) : new Room(doc, rest);
}
