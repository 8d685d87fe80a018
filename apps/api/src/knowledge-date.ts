// Knowledge time (L2) at the API's edge: the core has no clock, so the time is read here, once
// per request; `recordingDay` (core) turns it into the counties' calendar day.

/** Where the API reads the time: the system clock, or a fixed one in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
