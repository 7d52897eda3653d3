// Just enough of simple-peer's prebuilt bundle for chunked-peer.ts (the package ships no types).
declare module 'simple-peer/simplepeer.min' {
  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    [option: string]: unknown;
  }
  export type SimplePeerData = string | Uint8Array | ArrayBuffer | ArrayBufferView | Blob;

  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly destroyed: boolean;
    readonly destroying: boolean;
    readonly connected: boolean;
    /** The data channel; simple-peer's own (underscored but stable) field. */
    _channel: RTCDataChannel | null;
    /** Called by simple-peer for every incoming data-channel message; emits 'data'. */
    _onChannelMessage(event: { data: unknown }): void;
    send(chunk: SimplePeerData): void;
    signal(data: unknown): void;
    destroy(error?: Error): void;
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    off(event: string, listener: (...args: any[]) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
  }
}
