import { runForecasterContract } from './forecaster-contract.js';

runForecasterContract('seasonal-naive');
runForecasterContract('moving-average', { window: 14 });
runForecasterContract('ets');
runForecasterContract('ets', { trend: 'damped' });
runForecasterContract('croston');
runForecasterContract('tsb');
runForecasterContract('linear');
runForecasterContract('gbt');
