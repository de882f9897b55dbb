import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** A raw TCP connection to a listening server, and everything it receives until it closes. */
export interface RawConnection {
  socket: Socket;
  /** All bytes received, as text, once the server closed the connection. */
  received: Promise<string>;
}

/**
 * Connects to `server` (listening on 127.0.0.1) without an HTTP client, for tests that need to send
 * part of a request, or pipeline one behind another, at moments the test chooses.
 */
export async function openRawConnection(server: Server): Promise<RawConnection> {
  const { port } = server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const received = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('close', () => resolve(text));
  });
  return { socket, received };
}

/** Resolves once `server` has parsed the head of the next request (its `request` event). */
export function nextRequestArrives(server: Server): Promise<void> {
  return new Promise((resolve) => server.once('request', () => resolve()));
}

/** Resolves once `server` has stopped listening (polls every 5 ms, for at most 5 s). */
export async function untilNotListening(server: Server): Promise<void> {
  for (let i = 0; i < 1000 && server.listening; i++) await new Promise((r) => setTimeout(r, 5));
  if (server.listening) throw new Error('the server still listens 5 s after close');
}
