#!/usr/bin/env node
// A tour of an MCP server with the official TypeScript SDK client (@modelcontextprotocol/sdk, pinned in package.json).
//
//   node client-tour.mjs --http http://127.0.0.1:3001/mcp
//   node client-tour.mjs --stdio -- dotnet path/to/Mooring.Host.dll --stdio
//
// Prints one JSON line per check on stdout: {"name":..., "ok":true|false, "detail":...}, a summary line on stderr,
// and exits 1 if any check failed (2 on a usage error). The fixtures it expects (tools, resources, prompts and their
// texts) are the ones the conformance suite uses, plus `echo` and `sleep`; see README.md.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';

const USAGE = `usage: client-tour.mjs (--http URL | --stdio -- COMMAND [ARGS...]) [--timeout-ms N]`;

const EXPECTED_TOOLS = [
  'echo', 'sleep', 'test_simple_text', 'test_sampling', 'test_elicitation',
  'test_tool_with_logging', 'test_tool_with_progress', 'test_reconnection',
];
const STATIC_TEXT = 'This is the content of the static text resource.';
const LOG_TEXTS = ['Tool execution started', 'Tool processing data', 'Tool execution completed'];
// The three log notifications can reach the client after the tool result (for example on the standalone GET
// stream), so each logging check waits this long after the result before counting.
const LOG_SETTLE_MS = 300;

function parseArgs(argv) {
  const opts = { timeoutMs: 15_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--http') opts.http = argv[++i];
    else if (a === '--timeout-ms') opts.timeoutMs = Number(argv[++i]);
    else if (a === '--stdio') {
      const rest = argv.slice(i + 1);
      if (rest[0] === '--') rest.shift();
      opts.stdio = rest;
      break;
    } else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument '${a}'`);
  }
  if (!!opts.http === !!opts.stdio) throw new Error('give exactly one of --http URL or --stdio -- COMMAND');
  if (opts.stdio && opts.stdio.length === 0) throw new Error('--stdio needs a command after --');
  if (!(opts.timeoutMs > 0)) throw new Error('--timeout-ms must be a positive number');
  return opts;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`client-tour: ${e.message}\n${USAGE}`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];

function emit(name, ok, detail) {
  results.push(ok);
  process.stdout.write(JSON.stringify({ name, ok, detail: detail ?? null }) + '\n');
}

/** A check fails when it throws, returns {ok:false}, or does not finish within the timeout. */
async function check(name, fn, timeoutMs = opts.timeoutMs) {
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const r = await Promise.race([fn(), timeout]);
    if (r && typeof r === 'object' && 'ok' in r) emit(name, !!r.ok, r.detail);
    else emit(name, true, r);
  } catch (e) {
    emit(name, false, { error: e instanceof Error ? e.message : String(e) });
  } finally {
    clearTimeout(timer);
  }
}

const texts = (result) => (result?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text);

// ---- HTTP observation: every request the transport makes goes through this fetch, so the tour can prove that a
// resumption GET with Last-Event-ID happened and see the status of the DELETE.
const http = [];
async function recordingFetch(url, init = {}) {
  const headers = new Headers(init.headers);
  const entry = {
    method: init.method ?? 'GET',
    lastEventId: headers.get('last-event-id'),
    sessionId: headers.get('mcp-session-id'),
    protocolVersion: headers.get('mcp-protocol-version'),
    status: undefined,
    contentType: undefined,
  };
  http.push(entry);
  const response = await fetch(url, init);
  entry.status = response.status;
  entry.contentType = response.headers.get('content-type');
  return response;
}

// ---- Client with sampling, elicitation (form) and roots.
const client = new Client(
  { name: 'mooring-client-tour', version: '1.0.0' },
  { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } } },
);

const logs = [];
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });

const samplingRequests = [];
client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
  samplingRequests.push(req.params);
  return { role: 'assistant', content: { type: 'text', text: 'from-client' }, model: 'test-model' };
});

const elicitationRequests = [];
client.setRequestHandler(ElicitRequestSchema, async (req) => {
  elicitationRequests.push(req.params);
  return { action: 'accept', content: { username: 'alice', email: 'a@example.com' } };
});

client.setRequestHandler(ListRootsRequestSchema, async () => ({
  roots: [{ uri: 'file:///tmp/mooring-client-tour', name: 'client-tour' }],
}));

// ---- Wire tap: the order in which progress notifications and responses arrive, before the SDK dispatches them.
// The SDK runs notification handlers (onprogress included) a microtask later but handles responses at once, so a
// progress notification that arrives in the same read as the response (easy over stdio) reaches onprogress after
// the request is gone and is dropped ("unknown token"). That is the client's race, not the server's; the tour
// judges the server by the wire order and reports what onprogress saw alongside.
const wire = [];
function tapTransport() {
  const dispatch = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (message.method === 'notifications/progress') {
      wire.push({ kind: 'progress', token: message.params?.progressToken, progress: message.params?.progress });
    } else if (message.id !== undefined && message.method === undefined) {
      wire.push({ kind: 'response', id: message.id });
    }
    dispatch?.call(transport, message, extra);
  };
}

const transportErrors = [];
let closing = false; // aborting the streams on close reports AbortErrors, which are expected then
client.onerror = (e) => { if (!closing) transportErrors.push(e instanceof Error ? e.message : String(e)); };

let transport;
let child; // stdio only: the spawned server process, to see how it exits
if (opts.http) {
  transport = new StreamableHTTPClientTransport(new URL(opts.http), {
    fetch: recordingFetch,
    // Used only when the server sends no `retry:` field; a server-sent retry overrides the delay.
    reconnectionOptions: { initialReconnectionDelay: 200, maxReconnectionDelay: 5_000, reconnectionDelayGrowFactor: 1.5, maxRetries: 3 },
  });
} else {
  const [command, ...args] = opts.stdio;
  // Pass the whole environment: the SDK's default keeps only HOME, LOGNAME, PATH, SHELL, TERM and USER,
  // which drops DOTNET_* and friends.
  transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: 'inherit' });
}

// ---- The tour.
const allPassed = await (async () => {
  let connected = false;
  await check('connect', async () => {
    await client.connect(transport);
    connected = true;
    tapTransport();
    if (!opts.http) child = transport._process; // private field: needed to see whether the server exits on stdin EOF
    return {
      ok: true,
      detail: {
        server: client.getServerVersion(),
        protocolVersion: transport.protocolVersion ?? null,
        sessionId: transport.sessionId ?? null,
      },
    };
  });
  if (!connected) return false;

  await check('capabilities', async () => {
    const caps = client.getServerCapabilities() ?? {};
    const missing = [];
    if (!caps.tools) missing.push('tools');
    if (!caps.resources) missing.push('resources');
    else if (caps.resources.subscribe !== true) missing.push('resources.subscribe');
    if (!caps.prompts) missing.push('prompts');
    if (!caps.logging) missing.push('logging');
    if (!caps.completions) missing.push('completions');
    return { ok: missing.length === 0, detail: { missing, capabilities: caps } };
  });

  await check('tools-list', async () => {
    const names = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    const missing = EXPECTED_TOOLS.filter((n) => !names.includes(n));
    return { ok: missing.length === 0, detail: { missing, count: names.length } };
  });

  await check('tools-call-echo', async () => {
    const r = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    return { ok: !r.isError && texts(r).includes('hi'), detail: { content: r.content, isError: r.isError ?? false } };
  });

  await check('tools-call-progress', async () => {
    const seen = [];
    const start = wire.length;
    const r = await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, CallToolResultSchema, {
      onprogress: (p) => seen.push(p.progress),
    });
    // The SDK uses the request id as the progress token: the response's id names this call's token.
    const mine = wire.slice(start);
    const response = mine.find((w) => w.kind === 'response' && mine.some((p) => p.kind === 'progress' && p.token === w.id));
    const token = response?.id;
    const before = [];
    let after = 0;
    let answered = false;
    for (const w of mine) {
      if (w.kind === 'response' && w.id === token) answered = true;
      else if (w.kind === 'progress' && w.token === token) answered ? after++ : before.push(w.progress);
    }
    const nonDecreasing = before.every((v, i) => i === 0 || v >= before[i - 1]);
    return {
      ok: !r.isError && before.length >= 3 && nonDecreasing && after === 0,
      detail: { progressBeforeResult: before, progressAfterResult: after, seenByOnprogress: seen, isError: r.isError ?? false },
    };
  });

  await check('resources-list', async () => {
    const uris = [];
    let cursor;
    do {
      const page = await client.listResources(cursor ? { cursor } : undefined);
      uris.push(...page.resources.map((r) => r.uri));
      cursor = page.nextCursor;
    } while (cursor);
    return { ok: uris.includes('test://static-text'), detail: { uris } };
  });

  await check('resources-read-text', async () => {
    const r = await client.readResource({ uri: 'test://static-text' });
    const text = r.contents?.[0]?.text;
    return { ok: text === STATIC_TEXT, detail: { contents: r.contents } };
  });

  await check('resources-read-template', async () => {
    const r = await client.readResource({ uri: 'test://template/42/data' });
    const text = r.contents?.[0]?.text ?? '';
    return { ok: text.includes('42'), detail: { contents: r.contents } };
  });

  await check('resources-subscribe-unsubscribe', async () => {
    const sub = await client.subscribeResource({ uri: 'test://watched-resource' });
    const unsub = await client.unsubscribeResource({ uri: 'test://watched-resource' });
    return { ok: true, detail: { subscribe: sub, unsubscribe: unsub } };
  });

  await check('prompts-list', async () => {
    const names = [];
    let cursor;
    do {
      const page = await client.listPrompts(cursor ? { cursor } : undefined);
      names.push(...page.prompts.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    return { ok: names.includes('test_simple_prompt'), detail: { prompts: names } };
  });

  await check('prompts-get-with-args', async () => {
    const r = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'a1', arg2: 'a2' } });
    const all = JSON.stringify(r.messages ?? []);
    return { ok: (r.messages?.length ?? 0) > 0 && all.includes('a1') && all.includes('a2'), detail: { messages: r.messages } };
  });

  await check('completion-complete', async () => {
    const r = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'al' },
    });
    const values = r.completion?.values ?? [];
    const ok = values.length === 2 && values[0] === 'alpha' && values[1] === 'alpine';
    return { ok, detail: { completion: r.completion } };
  });

  await check('logging-level-warning-filters-info', async () => {
    await client.setLoggingLevel('warning');
    logs.length = 0;
    const r = await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    await sleep(LOG_SETTLE_MS);
    const info = logs.filter((l) => l.level === 'info');
    return { ok: !r.isError && info.length === 0, detail: { received: logs.slice() } };
  });

  await check('logging-level-debug-delivers', async () => {
    await client.setLoggingLevel('debug');
    logs.length = 0;
    const r = await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    await sleep(LOG_SETTLE_MS);
    const data = logs.map((l) => l.data);
    const missingTexts = LOG_TEXTS.filter((t) => !data.some((d) => JSON.stringify(d ?? '').includes(t)));
    return { ok: !r.isError && logs.length >= 3, detail: { count: logs.length, levels: logs.map((l) => l.level), data, missingTexts } };
  });

  await check('sampling', async () => {
    samplingRequests.length = 0;
    const r = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Test prompt for sampling' } });
    const text = texts(r).join('\n');
    return {
      ok: !r.isError && samplingRequests.length === 1 && text.includes('from-client'),
      detail: { samplingRequests: samplingRequests.slice(), result: r.content, isError: r.isError ?? false },
    };
  });

  await check('elicitation', async () => {
    elicitationRequests.length = 0;
    const r = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Please provide your information' } });
    const text = texts(r).join('\n');
    return {
      ok: !r.isError && elicitationRequests.length === 1 && text.includes('alice'),
      detail: { elicitationRequests: elicitationRequests.slice(), result: r.content, isError: r.isError ?? false },
    };
  });

  if (opts.http) {
    // The server sends a priming event (id, empty data, `retry:`) on the POST stream, closes that stream mid-call,
    // and finishes the tool later. The SDK client sees the stream end without a response after an event id, waits
    // the server's retry (or its own backoff), and GETs with Last-Event-ID; the stored result is replayed there.
    // Allow for a server retry of up to 5 s (the reference server's value) plus the tool's own time.
    await check('resumability', async () => {
      const before = http.length;
      const tokens = [];
      const started = Date.now();
      const r = await client.callTool({ name: 'test_reconnection', arguments: {} }, CallToolResultSchema, {
        onresumptiontoken: (t) => tokens.push(t),
        timeout: Math.max(opts.timeoutMs, 30_000),
      });
      const mine = http.slice(before);
      const resumes = mine.filter((h) => h.method === 'GET' && h.lastEventId);
      const resumedFromSeenToken = resumes.some((h) => tokens.includes(h.lastEventId));
      const resumedOk = resumes.some((h) => h.status >= 200 && h.status < 300);
      return {
        ok: !r.isError && resumes.length >= 1 && resumedFromSeenToken && resumedOk,
        detail: {
          elapsedMs: Date.now() - started,
          isError: r.isError ?? false,
          result: r.content,
          eventIdsSeen: tokens,
          resumptionGets: resumes.map((h) => ({ lastEventId: h.lastEventId, status: h.status, contentType: h.contentType })),
        },
      };
    }, Math.max(opts.timeoutMs, 35_000));
  }

  await check('ping', async () => {
    const r = await client.ping();
    return { ok: true, detail: r };
  });

  if (opts.http) {
    const sessionId = transport.sessionId;
    await check('close', async () => {
      const before = http.length;
      await transport.terminateSession();
      const del = http.slice(before).find((h) => h.method === 'DELETE');
      closing = true;
      await client.close();
      return {
        ok: !!del && del.status >= 200 && del.status < 300,
        detail: { deleteStatus: del?.status ?? null, sessionId: sessionId ?? null },
      };
    });
    // After a DELETE the spec requires 404 for requests that carry the ended session id.
    await check('session-gone-after-delete', async () => {
      if (!sessionId) return { ok: false, detail: { error: 'the server gave no Mcp-Session-Id' } };
      const res = await fetch(opts.http, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': sessionId,
          'mcp-protocol-version': transport.protocolVersion ?? '2025-11-25',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 'after-delete', method: 'ping' }),
      });
      await res.body?.cancel();
      return { ok: res.status === 404, detail: { status: res.status } };
    });
  } else {
    await check('close', async () => {
      const exited = child
        ? new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
          else child.once('exit', (code, signal) => resolve({ code, signal }));
        })
        : Promise.resolve(null);
      const started = Date.now();
      closing = true;
      await client.close(); // ends stdin, then SIGTERM after 2 s, then SIGKILL after 2 s more
      const how = await exited;
      // A stdio server should exit by itself, with code 0, once its stdin closes.
      return { ok: !!how && how.code === 0 && how.signal === null, detail: { exit: how, elapsedMs: Date.now() - started } };
    });
  }

  return results.every(Boolean);
})();

const passed = results.filter(Boolean).length;
const failed = results.length - passed;
if (transportErrors.length > 0) console.error(`client-tour: transport errors: ${JSON.stringify(transportErrors)}`);
console.error(`client-tour: ${passed} passed, ${failed} failed`);
process.exit(allPassed ? 0 : 1);
