import type { Settings } from "../settings.js";
import type { GithubContext } from "./github-context.js";

/** The base of a comparison: a commit named in the event, a branch of `origin`, or the input. */
export type BaseRef =
  | { kind: "commit"; sha: string }
  | { kind: "branch"; name: string }
  | { kind: "revision"; rev: string };

/** What to compare, from the event (or the base/head inputs). */
export interface ChangeRange {
  /** Absent when there is nothing to compare with: then `fullReason` says why. */
  base?: BaseRef;
  /** The revision under test: the input, or the checked-out commit. */
  head: string;
  /** The commit reports (check run, service run) are about: a pull request's head, not its merge. */
  reportSha: string;
  fullReason?: string;
}

const ZERO = /^0+$/;

const branchOf = (ref: string | undefined) => ref?.replace(/^refs\/heads\//, "");

function pushRange(context: GithubContext, head: string): ChangeRange {
  const { before, after, ref, deleted } = context.event;
  const reportSha = after && !ZERO.test(after) ? after : context.sha;
  if (deleted)
    return { head, reportSha, fullReason: "the push deleted a branch; there is no commit to test" };
  if (before && !ZERO.test(before)) return { base: { kind: "commit", sha: before }, head, reportSha };
  const defaultBranch = context.event.repository?.default_branch;
  if (!defaultBranch) {
    return {
      head,
      reportSha,
      fullReason: "a new branch, and the payload names no default branch to compare with",
    };
  }
  if (branchOf(ref) === defaultBranch) {
    return {
      head,
      reportSha,
      fullReason: `the first push of the default branch ${defaultBranch}: nothing to compare with`,
    };
  }
  // A new branch: compare with the default branch it was (most likely) created from.
  return { base: { kind: "branch", name: defaultBranch }, head, reportSha };
}

function dispatchRange(context: GithubContext, head: string): ChangeRange {
  const defaultBranch = context.event.repository?.default_branch;
  const onDefault = branchOf(context.event.ref) === defaultBranch;
  if (!defaultBranch || onDefault) {
    return {
      head,
      reportSha: context.sha,
      fullReason: `a manual run on ${defaultBranch ?? "an unknown branch"} has no change to compare (set the base input to compare with a revision)`,
    };
  }
  return { base: { kind: "branch", name: defaultBranch }, head, reportSha: context.sha };
}

/**
 * The change a run tests, by event: a pull request against its base (the diff starts at their
 * merge-base), a push from `before` (a new branch from the default branch), a merge queue entry
 * from its base, a manual run from the default branch. Inputs override the event.
 */
export function changeRange(settings: Pick<Settings, "base" | "head">, context: GithubContext): ChangeRange {
  const head = settings.head ?? "HEAD";
  const { pull_request: pr, merge_group: group } = context.event;
  let range: ChangeRange;
  if ((context.eventName === "pull_request" || context.eventName === "pull_request_target") && pr) {
    range = { base: { kind: "commit", sha: pr.base.sha }, head, reportSha: pr.head.sha };
  } else if (context.eventName === "merge_group" && group) {
    range = { base: { kind: "commit", sha: group.base_sha }, head, reportSha: group.head_sha };
  } else if (context.eventName === "push") {
    range = pushRange(context, head);
  } else if (context.eventName === "workflow_dispatch") {
    // Dispatched by the service for a queued run: that run's commit is the one under test.
    const queued = context.queuedCommitSha;
    range = dispatchRange(queued ? { ...context, sha: queued } : context, settings.head ?? queued ?? head);
  } else {
    range = {
      head,
      reportSha: context.sha,
      fullReason: `the ${context.eventName || "unknown"} event has no change to compare (set the base input to compare with a revision)`,
    };
  }
  if (settings.base) {
    const { fullReason: _dropped, ...rest } = range;
    return { ...rest, base: { kind: "revision", rev: settings.base } };
  }
  return range;
}
