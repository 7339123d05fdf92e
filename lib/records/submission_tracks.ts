/**
 * The tracks of community submissions: `typescript` (an architecture module on tfjs, trained by
 * the suite in the sandbox) and `onnx` (a model trained elsewhere, in PyTorch or JAX, exported as
 * ONNX: the suite only evaluates it, with ONNX Runtime in the same sandbox).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SUBMISSION_TRACKS } from "./submission_tracks.ts";
 *
 * assert.deepEqual(SUBMISSION_TRACKS, ["typescript", "onnx"]);
 * ```
 */
export const SUBMISSION_TRACKS = ["typescript", "onnx"] as const;

/** A submission track. */
export type SubmissionTrack = typeof SUBMISSION_TRACKS[number];
