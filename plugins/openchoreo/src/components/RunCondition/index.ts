export {
  hasRunConditionNotice,
  RunConditionNotice,
  RunStatusChip,
  runStatusDetail,
} from './RunCondition';
