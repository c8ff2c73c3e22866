/**
 * Decoders of the workspace's own records: its phone numbers (Quo's lines) with their users, and one user.
 */
import { array, nullableString, object, oneOf, present, string } from './decodeJson.js';
import type { PhoneNumber, PhoneNumberUser, User } from './types.js';
import { USER_ROLES } from './types.js';

function phoneNumberUser(value: unknown, path: string): PhoneNumberUser {
  const user = object(value, path);
  return {
    id: string(user['id'], `${path}.id`),
    email: string(user['email'], `${path}.email`),
    firstName: nullableString(present(user, 'firstName', path), `${path}.firstName`),
    lastName: nullableString(present(user, 'lastName', path), `${path}.lastName`),
    role: oneOf(user['role'], USER_ROLES, `${path}.role`),
  };
}

export function decodePhoneNumber(value: unknown, path: string): PhoneNumber {
  const phone = object(value, path);
  return {
    id: string(phone['id'], `${path}.id`),
    number: string(phone['number'], `${path}.number`),
    // Required by the spec, but this decoder has always let a line without a name through.
    name: phone['name'] === undefined ? null : nullableString(phone['name'], `${path}.name`),
    formattedNumber: nullableString(present(phone, 'formattedNumber', path), `${path}.formattedNumber`),
    users: array(phone['users'], `${path}.users`).map((item, i) => phoneNumberUser(item, `${path}.users[${i}]`)),
  };
}

/** `{ data: PhoneNumber[] }`, not paginated. */
export function decodePhoneNumbers(body: unknown): PhoneNumber[] {
  return array(object(body, 'body')['data'], 'data').map((item, i) => decodePhoneNumber(item, `data[${i}]`));
}

export function decodeUserResponse(body: unknown): User {
  const user = object(object(body, 'body')['data'], 'data');
  return {
    id: string(user['id'], 'data.id'),
    // Absent names and email read as null, as they always have here: a creator's name is a detail.
    firstName: user['firstName'] === undefined ? null : nullableString(user['firstName'], 'data.firstName'),
    lastName: user['lastName'] === undefined ? null : nullableString(user['lastName'], 'data.lastName'),
    email: user['email'] === undefined ? null : nullableString(user['email'], 'data.email'),
  };
}
