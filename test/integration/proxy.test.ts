/**
 * The extension's requests honour VS Code's proxy setting, because they go through the `fetch` VS Code patches in the
 * extension host rather than through an HTTP stack of their own. A forwarding proxy on loopback counts what passes.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

/**
 * A forwarding proxy: plain requests arrive with absolute URLs, tunnels with CONNECT (which fetch's proxy support
 * uses for every request). It records where each went.
 */
function startProxy(): Promise<{ url: string; forwarded: string[]; close(): Promise<void> }> {
  const forwarded: string[] = [];
  const tunnels = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '/');
    forwarded.push(target.host);
    const upstream = http.request(
      target,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    forwarded.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => tunnels.delete(socket));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        forwarded,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of tunnels) {
              socket.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}

describe("VS Code's proxy setting", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  before(async () => {
    // VS Code's proxy support always connects directly to localhost, 127.0.0.1 and ::1. Another loopback address
    // (allowed as a plain-http base URL, like every 127.x address) goes through the proxy as a remote host would.
    sandbox = await startSuiteSandbox({ contacts: 30, host: '127.0.0.2' });
    proxy = await startProxy();
    await activateForTest(sandbox.url);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('quo.refresh');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await proxy.close();
    await sandbox.close();
  });

  it('sends requests to Quo through the proxy', async () => {
    const document = await openDocument(WELL_KNOWN.thirdContactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Somerville/);
    assert.deepEqual(proxy.forwarded, [new URL(sandbox.url).host]);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
  });
});
