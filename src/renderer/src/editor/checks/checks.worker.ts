/// <reference lib="webworker" />
import { runChecks, type CheckInput } from '../../../../core/content/checks';

/**
 * The copy-desk checks off the main thread: on a long article they take tens of milliseconds,
 * which typing must never wait for. Pure input in, findings out.
 */
self.onmessage = (event: MessageEvent<{ id: number; input: CheckInput }>) => {
  const { id, input } = event.data;
  (self as unknown as Worker).postMessage({ id, findings: runChecks(input) });
};
