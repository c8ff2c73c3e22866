/**
 * The request bodies of `createContact_v1` (POST /v1/contacts) and `updateContactById_v1` (PATCH /v1/contacts/{id}),
 * copied from Quo's OpenAPI spec (../shared/quo-api/openapi-v1.json) without descriptions and examples, so that unit
 * tests check the bodies the edit model builds against them without reading anything outside the repository. The spec
 * sets no `additionalProperties`; KNOWN_KEYS below is what it names, for a stricter check of the same bodies.
 */

export const CREATE_CONTACT_BODY = {
  type: 'object',
  properties: {
    defaultFields: {
      type: 'object',
      properties: {
        company: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        emails: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, value: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
            required: ['name', 'value'],
          },
        },
        firstName: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        lastName: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        phoneNumbers: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, value: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
            required: ['name', 'value'],
          },
        },
        role: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['firstName'],
    },
    customFields: {
      type: 'array',
      items: {
        allOf: [
          { type: 'object', properties: { key: { type: 'string' } } },
          {
            anyOf: [
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'boolean' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ format: 'date-time', type: 'string' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'number' }, { type: 'null' }] } },
                required: ['value'],
              },
            ],
          },
        ],
      },
    },
    createdByUserId: { pattern: '^US(.*)$', type: 'string' },
    source: { minLength: 1, maxLength: 72, type: 'string' },
    sourceUrl: { format: 'uri', minLength: 1, maxLength: 200, type: 'string' },
    externalId: { anyOf: [{ minLength: 1, maxLength: 75, type: 'string' }, { type: 'null' }] },
  },
  required: ['defaultFields'],
};

export const UPDATE_CONTACT_BODY = {
  type: 'object',
  properties: {
    externalId: { anyOf: [{ minLength: 1, maxLength: 75, type: 'string' }, { type: 'null' }] },
    source: { anyOf: [{ minLength: 1, maxLength: 75, type: 'string' }, { type: 'null' }] },
    sourceUrl: { anyOf: [{ format: 'uri', minLength: 1, maxLength: 200, type: 'string' }, { type: 'null' }] },
    defaultFields: {
      type: 'object',
      properties: {
        company: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        emails: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              value: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              id: { type: 'string' },
            },
            required: ['name', 'value'],
          },
        },
        firstName: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        lastName: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        phoneNumbers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              value: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              id: { type: 'string' },
            },
            required: ['name', 'value'],
          },
        },
        role: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    },
    customFields: {
      type: 'array',
      items: {
        allOf: [
          { type: 'object', properties: { key: { type: 'string' }, id: { type: 'string' } } },
          {
            anyOf: [
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'boolean' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ format: 'date-time', type: 'string' }, { type: 'null' }] } },
                required: ['value'],
              },
              {
                type: 'object',
                properties: { value: { anyOf: [{ type: 'number' }, { type: 'null' }] } },
                required: ['value'],
              },
            ],
          },
        ],
      },
    },
  },
};

/** The keys each body's objects may hold, as the spec names them. */
export const KNOWN_KEYS = {
  create: {
    body: ['defaultFields', 'customFields', 'createdByUserId', 'source', 'sourceUrl', 'externalId'],
    defaultFields: ['firstName', 'lastName', 'company', 'role', 'emails', 'phoneNumbers'],
    item: ['name', 'value'],
    customField: ['key', 'value'],
  },
  update: {
    body: ['defaultFields', 'customFields', 'source', 'sourceUrl', 'externalId'],
    defaultFields: ['firstName', 'lastName', 'company', 'role', 'emails', 'phoneNumbers'],
    item: ['id', 'name', 'value'],
    customField: ['key', 'id', 'value'],
  },
} as const;
