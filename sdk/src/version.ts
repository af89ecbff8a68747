// Kept equal to package.json's version by a unit test; sent as the User-Agent so the ledger can tell
// events recorded by this SDK from other sources (its Connect page lists the last one of each).
export const SDK_VERSION = '0.1.0'
export const USER_AGENT = `modelledger-sdk/${SDK_VERSION}`
