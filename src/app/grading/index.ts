export * from './deps.js';
export * from './overrideScore.js';
export * from './policy.js';
export * from './readGradingPeriod.js';
export * from './recordMonthlyFigures.js';
export * from './runGrading.js';
export * from './signOffGradeSummary.js';
export * from './simulate.js';
