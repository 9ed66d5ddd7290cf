/**
 * The problem documents' `code` (problemTypes.ts: the `type` URI ends in the same name)
 * in the words of the manual, for the people who run it. A code missing here falls back
 * to the server's `detail` (English); test/web/problemMessages.unit.spec.ts fails when
 * the server has a code this file does not name.
 */
export const problemMessagesZh = {
  // 输入与协议
  RequestInvalid: '填写的内容有误，请按提示修改',
  MalformedJson: '请求格式错误（不是有效的 JSON）',
  UnsupportedMediaType: '请求格式不受支持',
  PayloadTooLarge: '提交的内容过大',
  Unauthenticated: '登录已失效，请重新登录',
  NotFound: '记录不存在，或不在您的查看范围内',
  RouteNotFound: '没有这个接口',
  MethodNotAllowed: '不支持这种操作',
  PreconditionFailed: '该记录已被他人修改，请刷新后重试',
  VersionConflict: '该记录刚被他人修改，请刷新后重试',
  IdempotencyKeyReused: '同一操作已用不同内容提交过，请刷新后重试',
  TooManyFailedAuthentications: '登录失败次数过多，请稍后再试',
  ShuttingDown: '服务器正在重启，请稍后重试',
  StoreUnavailable: '数据库暂时不可用，请稍后重试',
  IdentityProviderUnavailable: '统一身份认证服务暂时无法访问，请稍后重试',
  InvalidEvent: '提交的内容不符合规则',
  InternalError: '服务器出错，请将请求编号告知系统管理员',
  // 岗位与范围
  RoleNotAllowed: '您的岗位无权进行此操作',
  NotTheRequester: '只有申请人本人可以撤回申请',
  CustomerNotFound: '客户不存在，或不在您的查看范围内',
  ContactNotFound: '联系人不存在',
  ChangeRequestNotFound: '修改申请不存在',
  RequestNotFound: '信用额度申请不存在',
  ComplaintNotFound: '客诉不存在',
  PolicyVersionNotFound: '评估政策版本不存在',
  // 输入规则
  ReasonRequired: '请填写修改原因（手册规定修改须书面提交）',
  PaidExceedsDue: '按期回款不能超过应收信用额',
  PeriodIsInTheFuture: '期间尚未到来',
  ViolationInTheFuture: '违规日期不能晚于今天',
  CompanyTypeTextWithoutOther: '只有公司类型为“其他”时才可填写说明',
  NameHasBidiControl: '客户名称含有不可见的方向控制字符',
  LimitUnchanged: '申请额度与现有额度相同',
  ReceivedInTheFuture: '受理时间不能晚于现在',
  // 档案
  CustomerAlreadyRegistered: '该客户已建档',
  CustomerNameTaken: '已有同名客户（含形近或不可见字符的写法）',
  ContactAlreadyExists: '该联系人已存在',
  OnePrimaryContact: '每个客户只能有一位主要联系人',
  StatusTransitionNotAllowed: '客户状态不能这样变更',
  ValidityNotExtended: '新的有效期须晚于原有效期',
  ArchiveNotReviewed: '档案尚未经评审小组评审',
  ApproverIsReviewer: '评审人不能同时审批',
  ArchiveAlreadyDecided: '档案已审批',
  ChangeRequestAlreadyExists: '已有一份待处理的修改申请',
  ChangeRequestChangesNothing: '修改申请没有任何改动',
  ChangeRequestAlreadyDecided: '修改申请已处理',
  ChangeRequestIsStale: '档案在申请后已有变动，请重新提交申请',
  // 信用额度
  ApproverIsRequester: '申请人不能审批自己的申请',
  NoRoutingRule: '没有适用的审批路径',
  RequestAlreadyExists: '该申请已存在',
  RequestNotPending: '该申请已不在审批中',
  ApproverAlreadyDecided: '您已审批过此申请的一个环节',
  PendingRequestExists: '该客户已有一份审批中的申请',
  // 客诉
  ComplaintAlreadyReceived: '该客诉已受理',
  StepOutOfOrder: '当前环节不能进行这一步',
  // 等级评估与汇总表
  PeriodIsFrozen: '该期间已审批冻结，不能再更改',
  SignerAlreadySigned: '同一人不能签核两个环节',
  NothingToSignOff: '该期间没有可签核的汇总表',
  CustomerListedTwice: '同一客户出现了两次',
  CustomerMismatch: '客户不一致',
  SummaryAlreadyPrepared: '汇总表已编制，不能再修改备注',
  CustomerNotInSummary: '该客户不在本期汇总表中',
  PeriodHasNotBegun: '该月份尚未开始，不能评估',
  PeriodGradedUnderAnotherPolicy: '该期间已按另一版本的政策评估',
  GradingInputsUnavailable: '评估数据暂时无法读取，请稍后重试',
  // 核查
  NoSignedCheckpoint: '还没有签名的核查点',
  LogNotConsistentWithCheckpoint: '事件日志与核查点不一致',
  // 评估政策
  BandIsEmpty: '等级区间为空',
  BandsLeaveGap: '等级区间之间有空档',
  BandsOverlap: '等级区间重叠',
  GradeFallsAsScoreRises: '分数越高等级不能越低',
  CoefficientIsNegative: '系数不能为负',
  WeightsDoNotSumTo100: '各项权重之和须为 100',
  ThresholdsNotAscending: '阈值须从小到大排列',
  FactorOutOfRange: '系数超出范围',
  CriterionIdRepeated: '评分项编号重复',
  FulfilmentDefaultOutOfRange: '默认履约率须在 0 到 1 之间',
} as const satisfies Record<string, string>;

export type ProblemCode = keyof typeof problemMessagesZh;

/** What a refusal says: the Chinese for its code, the server's words in English (or for a code unknown here). */
export const problemText = (problem: { code?: string; detail?: string; status?: number }, language: 'zh' | 'en'): string => {
  const known = problem.code && Object.hasOwn(problemMessagesZh, problem.code) ? problemMessagesZh[problem.code as ProblemCode] : undefined;
  if (language === 'zh' && known) return known;
  return problem.detail ?? known ?? `HTTP ${problem.status ?? '?'}`;
};
