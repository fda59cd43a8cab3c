/**
 * Keeps the local SES mail store (aws-ses-v2-local's, which lives in memory) in a file of the data
 * directory, so a restarted `ladder local` still shows every email sent — and raters their links —
 * in the mail viewer. JSON Lines, one email a line: restored into the library's store at start,
 * then every new email appended before SES answers the request that sent it (so an email SES
 * accepted is on disk even if the process is killed right after). Clearing the store (`POST
 * /clear-store`) rewrites the file.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { StoredEmail } from './ses.ts';

interface LibraryStore {
  emails: StoredEmail[];
}

/** aws-ses-v2-local's module-global store (the same module instance its server uses). */
async function libraryStore(): Promise<LibraryStore> {
  const mod = (await import('aws-ses-v2-local/dist/store.js')) as unknown as {
    getStoreReadonly?: () => LibraryStore;
    default?: { getStoreReadonly: () => LibraryStore };
  };
  const get = mod.getStoreReadonly ?? mod.default?.getStoreReadonly;
  if (!get) throw new Error('aws-ses-v2-local has no getStoreReadonly: cannot persist the mail store');
  return get();
}

function readEmails(file: string): StoredEmail[] {
  if (!existsSync(file)) return [];
  const emails: StoredEmail[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      emails.push(JSON.parse(line) as StoredEmail);
    } catch {
      // The torn last line of a killed process: that email's request got no answer either.
    }
  }
  return emails;
}

/**
 * Restores the emails saved in `file` into the local SES store and saves every email the server
 * stores from now on. Returns how many emails were restored.
 */
export async function persistMailStore(server: Server, file: string): Promise<number> {
  const store = await libraryStore();
  const restored = readEmails(file);
  // The file is this runtime's store (in one process, an earlier runtime's emails are dropped).
  store.emails.splice(0, store.emails.length, ...restored);
  let saved = store.emails;
  let savedCount = store.emails.length;
  // Rewritten whole: a torn last line is gone.
  writeFileSync(file, store.emails.map((email) => `${JSON.stringify(email)}\n`).join(''));

  const sync = () => {
    if (store.emails !== saved || store.emails.length < savedCount) {
      // The store was cleared (the library replaces the array).
      saved = store.emails;
      savedCount = 0;
      writeFileSync(file, '');
    }
    if (store.emails.length > savedCount) {
      const fresh = store.emails.slice(savedCount);
      appendFileSync(file, fresh.map((email) => `${JSON.stringify(email)}\n`).join(''));
      savedCount = store.emails.length;
    }
  };
  // Saved before the response's headers go out: the sender learns of an email only once it is on disk.
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      sync();
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
  });
  return restored.length;
}
