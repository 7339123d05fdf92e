/**
 * Community submissions: the `info.json` schema, the folder checker, the sandbox that runs
 * untrusted architectures in a separate, permission-less Deno process under time and memory
 * limits, and `submit`, which evaluates a submission exactly as built-in architectures are
 * evaluated and publishes its records. See SUBMITTING.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSubmission } from "./mod.ts";
 *
 * const checked = await checkSubmission("submissions/_template");
 * assert.equal(checked.info.name, "template-net");
 * ```
 *
 * @module
 */
export { parseSubmissionInfo, type SubmissionInfo, submissionInfoSchema } from "./info.ts";
export {
  type CheckedSubmission,
  checkSubmission,
  communityNames,
  SUBMISSION_LIMITS,
} from "./check_submission.ts";
export {
  DEFAULT_LIMITS,
  registerCommunityStub,
  runInSandbox,
  type SandboxLimits,
  SELF_REPORTED,
  SubmissionRejectedError,
} from "./sandbox.ts";
export { submit, type SubmitOptions } from "./submit.ts";
export {
  CROSS_BACKEND_TOLERANCE,
  DatasetVersionError,
  type Verification,
  verifyRecord,
} from "./verify_record.ts";
