import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress.server';

const req = (xff: string | undefined, peer = '10.0.0.1') =>
  ({ headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, socket: { remoteAddress: peer } }) as never;

describe('clientAddress', () => {
  it('is the peer without a trusted proxy, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(req('198.51.100.1'), false)).toBe('10.0.0.1');
  });
  it('is the last X-Forwarded-For entry behind the trusted proxy (earlier ones are the client’s claims)', () => {
    expect(clientAddress(req('203.0.113.9, 198.51.100.1'), true)).toBe('198.51.100.1');
    expect(clientAddress(req(undefined), true)).toBe('10.0.0.1');
    expect(clientAddress(req(' , '), true)).toBe('10.0.0.1');
  });
});
