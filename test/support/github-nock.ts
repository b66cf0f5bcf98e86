import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * GitHub's API mocked with nock for the test file (or describe block) that calls this: no request
 * leaves the process but to `allow`, and each test's interceptors are gone after it. Importing nock
 * patches Node's http and the global fetch for the whole process, and the service project's files
 * share one (vitest.config.ts): so nock is active only while this file runs, and the files after
 * it get the real http and fetch back.
 */
export function useGithubNock(allow?: string): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    if (allow) nock.enableNetConnect(allow);
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}
