/** Contacts for the renderer tests: one with every field and custom field type, one with nothing, hostile values. */
import type { Contact, CustomField } from '../../src/quo/types.js';
import type { PanelInput } from '../../src/render/panelHtml.js';

export const FULL_CONTACT: Contact = {
  id: '66d0d87e8dc1211467372303',
  externalId: 'crm-42',
  source: 'hubspot',
  sourceUrl: 'https://crm.example.com/people/42',
  defaultFields: {
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme Inc',
    role: 'CEO',
    emails: [
      { name: 'work', value: 'jane@acme.com', id: 'EM1' },
      { name: 'home', value: 'jane@home.example' },
    ],
    phoneNumbers: [
      { name: 'mobile', value: '+12345678901' },
      { name: 'office', value: '+12345678902' },
    ],
  },
  customFields: [
    { name: 'Tags', key: 'tags', type: 'multi-select', value: ['vip', 'beta', 'west'] },
    { name: 'Active', type: 'boolean', value: true },
    { name: 'Churned', type: 'boolean', value: false },
    { name: 'Birthday', type: 'date', value: '1990-05-17T00:00:00.000Z' },
    { name: 'Last call', type: 'date', value: '2025-01-02T15:30:00.000Z' },
    { name: 'Seats', type: 'number', value: 1234.5 },
    { name: 'Website', type: 'url', value: 'https://acme.example/about' },
    { name: 'Office', type: 'address', value: '1 Main St\nSpringfield' },
    { name: 'Notes', type: 'string', value: 'Prefers email' },
  ],
  createdAt: '2024-09-01T12:00:00.000Z',
  updatedAt: '2025-11-20T08:15:00.000Z',
  createdByUserId: 'USu1Abc',
};

export const EMPTY_CONTACT: Contact = {
  id: '5f9b2c1a0e4d3b2a1c0f9e8d',
  externalId: null,
  source: null,
  sourceUrl: null,
  defaultFields: { firstName: null, lastName: null, company: null, role: null, emails: [], phoneNumbers: [] },
  customFields: [],
  createdAt: '2024-09-01T12:00:00.000Z',
  updatedAt: '2024-09-01T12:00:00.000Z',
  createdByUserId: 'USu2Xyz',
};

/** Values a hostile or careless workspace could store in any text field. */
export const HOSTILE_VALUES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '</style><style>body{display:none}</style>',
  '</textarea></title><script>alert(1)</script>',
  '[x](command:workbench.action.terminal.new)',
  '[x](command:quo.openContact?%5B%22evil%22%5D)',
  '![img](https://evil.example/pixel.png)',
  '<https://evil.example>',
  'https://evil.example/path',
  'www.evil.example',
  'mail@evil.example',
  '**bold** _it_ `code` ~~del~~',
  '# Heading\n- item\n> quote',
  '| a | b |\n|---|---|',
  '$(zap) $(terminal)',
  '&lt;b&gt; &amp; &#x3C;i&#x3E;',
  '\\[x\\](command:x)',
  'javascript:alert(1)',
  'line1\r\nline2\u2028line3',
  'rtl \u202Eevil\u202C done',
  '<!-- comment --> <![CDATA[x]]>',
];

/** A contact whose every text field holds `value`, including labels, custom field names and values. */
export function contactFilledWith(value: string): Contact {
  const customFields: CustomField[] = [
    { name: value, key: value, type: 'string', value },
    { name: value, type: 'address', value },
    { name: value, type: 'url', value },
    { name: value, type: 'multi-select', value: [value, value] },
    { name: value, type: 'date', value },
  ];
  return {
    id: value,
    externalId: value,
    source: value,
    sourceUrl: value,
    defaultFields: {
      firstName: value,
      lastName: value,
      company: value,
      role: value,
      emails: [{ name: value, value }],
      phoneNumbers: [{ name: value, value }],
    },
    customFields,
    createdAt: value,
    updatedAt: value,
    createdByUserId: value,
  };
}

/** What every panel page is rendered with besides its state: the webview's CSP source, a nonce, resource URIs. */
export const PANEL_PAGE: Omit<PanelInput, 'state'> = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'r4nd0mN0nceV4lue+/AB==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  locale: 'en-US',
  timeZone: 'UTC',
};
