/** Whose open realtime sockets to close: those opened with one token, by a user, or by a device. */
export interface EvictionTarget {
  kind: 'token' | 'user' | 'device';
  id: string;
}

/**
 * Closes, on every hub instance, the open sockets of an ended token, a changed
 * user or a revoked device (the realtime lib provides it, over Redis). Call it
 * after the change has committed, so a socket that reconnects finds it.
 */
export abstract class SocketEviction {
  abstract disconnect(...targets: EvictionTarget[]): Promise<void>;
}
