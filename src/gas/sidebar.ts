// Turns a google.script.run call from the admin sidebar into the event object the pipeline parses.
/** Flat string values become `parameters` (as for card clicks); the whole payload stays available as `payload`. */
export function sidebarRequest(name: unknown, payloadJson: unknown): unknown {
  let payload: unknown;
  try {
    payload = typeof payloadJson === 'string' && payloadJson !== '' ? JSON.parse(payloadJson) : {};
  } catch {
    payload = { invalid: true };
  }
  const parameters: Record<string, string> = { action: String(name ?? '') };
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    for (const [k, v] of Object.entries(payload)) if (typeof v === 'string' || typeof v === 'number') parameters[k] = String(v);
  }
  return { commonEventObject: { hostApp: 'SHEETS', parameters }, payload };
}
