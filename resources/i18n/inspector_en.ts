<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AmendDialog</name>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="32"/>
        <source>更正检查记录</source>
        <translation>Correct the inspection record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="41"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="42"/>
        <source>窗口号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="43"/>
        <source>工号</source>
        <translation>Staff badge</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="47"/>
        <source>为什么更正（至少4个字），将随更正记录保存</source>
        <translation>Why it is corrected (at least 4 characters); kept with the amendment</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="54"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="55"/>
        <source>更正内容</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="56"/>
        <source>更正为</source>
        <translation>Corrected value</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="57"/>
        <source>更正理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="61"/>
        <source>保存更正</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/amend_dialog.py" line="62"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ChecklistTree</name>
    <message>
        <location filename="../../inspector_app/ui/runner/checklist_tree.py" line="36"/>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/checklist_tree.py" line="36"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/checklist_tree.py" line="61"/>
        <source>检查表外问题</source>
        <translation>Problems not on the checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/checklist_tree.py" line="93"/>
        <source> ⚠缺照片</source>
        <translation> ⚠ photo missing</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="89"/>
        <source>销号</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="92"/>
        <source>可不填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="93"/>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="94"/>
        <source>销号人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="95"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="107"/>
        <source>通知书已销号。</source>
        <translation>The notice is closed.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="36"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="42"/>
        <source>同一内容在本机和服务器上都被修改过。请逐条选择保留哪一个；保留本机的值会在下次同步时上传。</source>
        <translation>The same content was changed on this laptop and on the server. Choose which to keep for each row; a kept local value is uploaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="50"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="51"/>
        <source>内容</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="52"/>
        <source>本机的值</source>
        <translation>This laptop&apos;s value</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="54"/>
        <source>服务器的值</source>
        <translation>Server&apos;s value</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="53"/>
        <source>本机修改（谁、何时）</source>
        <translation>Changed here (who, when)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="55"/>
        <source>服务器修改（谁、何时）</source>
        <translation>Changed on the server (who, when)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="56"/>
        <source>选择</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="70"/>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts left to settle.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="73"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="127"/>
        <source>保留本机</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="129"/>
        <source>采用服务器</source>
        <translation>Use server&apos;s</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="133"/>
        <source>服务器上已删除，只能采用服务器的结果</source>
        <translation>Deleted on the server: only the server&apos;s result can be taken</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="142"/>
        <source>✓ 已保留本机</source>
        <translation>✓ Kept mine</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflicts_dialog.py" line="142"/>
        <source>✓ 已采用服务器</source>
        <translation>✓ Took server&apos;s</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="20"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="21"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="22"/>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="23"/>
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="24"/>
        <source>工作人员工号</source>
        <translation>Staff badge</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="25"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="26"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="27"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="28"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="29"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="30"/>
        <source>照片说明</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="31"/>
        <source>检查组</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="32"/>
        <source>亮明身份</source>
        <translation>Identity shown</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="33"/>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="34"/>
        <source>执法证号/工作证号</source>
        <translation>Enforcement / work card number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="46"/>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="47"/>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="48"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="52"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="58"/>
        <source>已删除</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="60"/>
        <source>未删除</source>
        <translation>not deleted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="63"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="70"/>
        <source>已亮明身份</source>
        <translation>Identity shown</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="72"/>
        <source>未亮明身份</source>
        <translation>Identity not shown</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="54"/>
        <source>送达登记</source>
        <translation>Record delivery</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="59"/>
        <source>在送达回证上签收的人</source>
        <translation>who signed the proof of service</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="60"/>
        <source>送达日期</source>
        <translation>Delivered on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="61"/>
        <source>送达方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="62"/>
        <source>受送达人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="74"/>
        <source>已登记送达，整改开始计时。</source>
        <translation>Delivery recorded; the rectification period is running.</translation>
    </message>
</context>
<context>
    <name>DeskPages</name>
    <message>
        <location filename="../../inspector_app/ui/desk_pages.py" line="61"/>
        <source>我的检查</source>
        <translation>My inspections</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/desk_pages.py" line="62"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/desk_pages.py" line="64"/>
        <source>通知书</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/desk_pages.py" line="68"/>
        <source>整改跟踪</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/desk_pages.py" line="73"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="66"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="67"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="68"/>
        <source>适应宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="69"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="70"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="71"/>
        <source>附送达回证</source>
        <translation>With delivery receipt</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="74"/>
        <source>打印全部页面或另存时，连同本通知书的送达回证一起打印或保存</source>
        <translation>When printing all pages or saving, print or save this notice&apos;s delivery receipt with it</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="122"/>
        <source>共 {0} 页</source>
        <translation>{0} pages</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="132"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="146"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="154"/>
        <source>已保存到 {0}，送达回证：{1}</source>
        <translation>Saved to {0}; delivery receipt: {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_preview.py" line="178"/>
        <source>已发送到打印机：{0} 页</source>
        <translation>Sent to the printer: {0} page(s)</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <location filename="../../inspector_app/ui/notices/draft_dialog.py" line="27"/>
        <source>起草整改通知书</source>
        <translation>Draft rectification notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/draft_dialog.py" line="31"/>
        <source>选择一次审核通过的检查：按责任单位各起草一份通知书草稿，每份列出该单位的问题。</source>
        <translation>Choose an approved inspection: one draft notice is made per responsible unit, listing that unit&apos;s problems.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/draft_dialog.py" line="49"/>
        <source>起草</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/draft_dialog.py" line="50"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="238"/>
        <source>督办</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="243"/>
        <source>发函文号、约谈对象或问责决定等情况</source>
        <translation>letter number, who was talked to, or the accountability decision</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="245"/>
        <source>督办方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="246"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="247"/>
        <source>情况说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="248"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="261"/>
        <source>已记录{0}。</source>
        <translation>Recorded: {0}.</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="161"/>
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="168"/>
        <source>申请延至 {0}。理由：{1}</source>
        <translation>To {0}. Reason: {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="174"/>
        <source>批准延期</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="175"/>
        <source>不予延期</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="185"/>
        <source>审批意见，将记入办理经过</source>
        <translation>the decision&apos;s reason, kept in the history</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="186"/>
        <source>延期申请</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="187"/>
        <source>审批</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="188"/>
        <source>审批日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="189"/>
        <source>审批人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="190"/>
        <source>审批意见</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="195"/>
        <source>责任单位说明的延期理由</source>
        <translation>the reason the unit gives</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="196"/>
        <source>申请日期</source>
        <translation>Requested on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="197"/>
        <source>申请延至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="198"/>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="220"/>
        <source>已记录延期申请。</source>
        <translation>Extension request recorded.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="222"/>
        <source>已批准延期，整改期限为 {0}。</source>
        <translation>Extension granted; the deadline is {0}.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="223"/>
        <source>已不予延期，整改期限不变。</source>
        <translation>Extension refused; the deadline stays.</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="111"/>
        <source>整改反馈</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="113"/>
        <source>收到整改报告日期</source>
        <translation>Report received on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="138"/>
        <source>已记录整改报告：{0} 个问题，{1} 份证明材料。</source>
        <translation>Report recorded: {0} problem(s), {1} evidence file(s).</translation>
    </message>
</context>
<context>
    <name>FindingPanel</name>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="100"/>
        <source>写下现场看到的情况：时间、窗口、人员、经过</source>
        <translation>Write what you saw: time, window, staff, what happened</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="109"/>
        <source>点击常用描述，添加到问题描述</source>
        <translation>Click a phrase to add it to the description</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="114"/>
        <source>工作人员工号或胸牌号</source>
        <translation>Staff number or badge</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="121"/>
        <source>添加照片… (Ctrl+O)</source>
        <translation>Add photos… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="122"/>
        <source>粘贴照片 (Ctrl+Shift+V)</source>
        <translation>Paste photo (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="123"/>
        <source>拍照</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="124"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="125"/>
        <source>删除照片</source>
        <translation>Delete photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="145"/>
        <source>工号</source>
        <translation>Badge</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="147"/>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="150"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="151"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="152"/>
        <source>常用描述</source>
        <translation>Quick phrases</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="153"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="154"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="155"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="197"/>
        <source>{0}号 {1}</source>
        <translation>No. {0} {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="200"/>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="217"/>
        <source>检查方法：{0}</source>
        <translation>How to check: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="218"/>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="221"/>
        <source>检查表外问题</source>
        <translation>Problems not on the checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/finding_panel.py" line="236"/>
        <source>此项不符合时必须附照片，尚未添加。</source>
        <translation>A failed result here needs a photo; none is attached yet.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="52"/>
        <source>搜索检查地点或专项行动</source>
        <translation>Search site or campaign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="54"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="59"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="66"/>
        <source>新建检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="71"/>
        <source>没有符合筛选条件的检查。清空搜索框或把状态、地点、日期改回“全部”即可看到全部检查。</source>
        <translation>No inspection matches the filters. Clear the search box or set status, site and dates back to “All” to see every inspection.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="75"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="142"/>
        <source>全部地点</source>
        <translation>All sites</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/home_page.py" line="165"/>
        <source>显示 {0} / 共 {1} 次检查</source>
        <translation>Showing {0} of {1} inspections</translation>
    </message>
</context>
<context>
    <name>InspectionsTableModel</name>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="101"/>
        <source>检查地点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="102"/>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="103"/>
        <source>检查时间</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="104"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="105"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="106"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="107"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/inspections_model.py" line="108"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="61"/>
        <source>四不两直明察暗访现场检查</source>
        <translation>Unannounced service-hall inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="85"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="92"/>
        <location filename="../../inspector_app/ui/main_window.py" line="300"/>
        <source>新建检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="93"/>
        <source>打开检查</source>
        <translation>Open inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="94"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="95"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="106"/>
        <source>正在打开数据…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="142"/>
        <source>尚无修改</source>
        <translation>No changes yet</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="109"/>
        <source>数据目录：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="301"/>
        <source>本机还没有检查表或检查地点，请先同步或导入演示数据。</source>
        <translation>This laptop has no checklist templates or sites yet; sync first or load demo data.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/main_window.py" line="357"/>
        <source>已自动保存 {0}</source>
        <translation>Saved automatically at {0}</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="108"/>
        <source>新建检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="116"/>
        <source>（不属于专项行动）</source>
        <translation>(no campaign)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="123"/>
        <source>启封计划…</source>
        <translation>Open the plan…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="135"/>
        <source>检查组成员，用逗号分隔</source>
        <translation>Team members, separated by commas</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="152"/>
        <source>备注（可选）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="158"/>
        <source>专项行动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="159"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="160"/>
        <source>暗访计划</source>
        <translation>Sealed plan</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="163"/>
        <source>检查地点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="164"/>
        <source>检查组成员</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="165"/>
        <source>检查方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="166"/>
        <source>到达时间</source>
        <translation>Arrival time</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="167"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="172"/>
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="173"/>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="245"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="189"/>
        <source>★ {0}</source>
        <translation>★ {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="192"/>
        <source>{0}（本专项已检查）</source>
        <translation>{0} (already inspected in this campaign)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="211"/>
        <source>{0} 个计划点位（未启封）</source>
        <translation>{0} planned sites (sealed)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="213"/>
        <source>{0} 个计划点位（已启封，标 ★）</source>
        <translation>{0} planned sites (opened, marked ★)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="221"/>
        <source>{0} 于 {1} 启封</source>
        <translation>{0} on {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="227"/>
        <source>另有 {0} 次</source>
        <translation>{0} more</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="228"/>
        <source>启封记录：{0}</source>
        <translation>Opened by: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="228"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="236"/>
        <source>启封暗访计划？</source>
        <translation>Open the sealed plan?</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="239"/>
        <source>启封后将显示「{0}」的 {1} 个计划点位。

启封人（{2}）和启封时间将被记录，同步后写入服务器的审计日志，科室负责人可以看到。启封后不能撤销。</source>
        <translation>Opening shows the {1} planned sites of “{0}”.

Who opened it ({2}) and when is recorded and, after the next sync, written to the server&apos;s audit log, where supervisors can see it. Opening cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="244"/>
        <source>启封</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="268"/>
        <source>请至少填写一名检查组成员。</source>
        <translation>Enter at least one team member.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/home/new_inspection_dialog.py" line="272"/>
        <source>请选择检查表和检查地点。</source>
        <translation>Choose a checklist and a site.</translation>
    </message>
</context>
<context>
    <name>NoticeActions</name>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="46"/>
        <source>签发…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="48"/>
        <source>由服务器编排文号，生成正式文本并冻结（需联网）</source>
        <translation>The server gives the number; the final PDF is built and frozen (needs the server)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="49"/>
        <source>打印 / 另存 PDF…</source>
        <translation>Print / save PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="51"/>
        <source>签发时冻结的正式文本，逐字节相同</source>
        <translation>The file frozen at issue, byte for byte</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="52"/>
        <source>副本</source>
        <translation>Copy (副本)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="53"/>
        <source>每页右上角加印“副本”字样；签发文本本身不变</source>
        <translation>Marks every page “副本” (copy) at the top right; the issued file itself is unchanged</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="54"/>
        <source>撤销文号…</source>
        <translation>Withdraw number…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="56"/>
        <source>在服务器登记撤销（需联网），该文号不再使用</source>
        <translation>Recorded on the server (needs the server); the number is never used again</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="87"/>
        <source>签发通知书</source>
        <translation>Issue notice</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="89"/>
        <source>确认签发致“{0}”的整改通知书？

服务器将编排文号，以今天为成文日期生成正式文本并冻结，签发后不能再修改。</source>
        <translation>Issue the rectification notice to “{0}”?

The server gives its number; the final PDF is dated today and frozen, and cannot be changed after issue.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="99"/>
        <source>正在签发…</source>
        <translation>Issuing…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="103"/>
        <source>已签发：{0}（成文日期 {1:%Y-%m-%d}）。</source>
        <translation>Issued: {0} (dated {1:%Y-%m-%d}).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="105"/>
        <source>状态变更将在下次同步时上传。</source>
        <translation> The status change goes up with the next sync.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="115"/>
        <source>撤销文号</source>
        <translation>Withdraw number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="116"/>
        <source>撤销文号 {0}：请写明理由（至少4个字）。撤销后该文号不再使用。</source>
        <translation>Withdraw number {0}: give the reason (at least 4 characters). The number is never used again.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="129"/>
        <source>文号 {0} 已撤销，该文号不再使用。</source>
        <translation>Number {0} withdrawn; it is never used again.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="131"/>
        <source>正在撤销文号…</source>
        <translation>Withdrawing the number…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="160"/>
        <source>未能完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="190"/>
        <source>整改通知书 {0}</source>
        <translation>Rectification notice {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_actions.py" line="192"/>
        <source>（副本）</source>
        <translation> (copy)</translation>
    </message>
</context>
<context>
    <name>NoticeDetailPane</name>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="66"/>
        <source>移至</source>
        <translation>Move to</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="68"/>
        <source>把选中的问题移到同一检查或同一专项行动的另一份草稿</source>
        <translation>Move the selected problem to another draft of the same inspection or campaign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="72"/>
        <source>选中的问题</source>
        <translation>Selected problem:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="85"/>
        <source>收到通知之日起 </source>
        <translation>within </translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="86"/>
        <source> 个工作日内</source>
        <translation> working days of receipt</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="92"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="94"/>
        <source>已签发的通知书以签发文本为准，不能再修改。</source>
        <translation>An issued notice stands as issued and can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="100"/>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="101"/>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="102"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="113"/>
        <source>请在左侧列表中选择一份通知书，或点击“起草…”从审核通过的检查起草。</source>
        <translation>Select a notice in the list on the left, or click “Draft…” to draft notices from an approved inspection.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="118"/>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="146"/>
        <source>草稿（未编号）</source>
        <translation>Draft (no number yet)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="148"/>
        <source>状态：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="151"/>
        <source>检查地点：{0} {1}</source>
        <translation>Inspected: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="153"/>
        <source>专项行动：{0}</source>
        <translation>Campaign: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="155"/>
        <source>成文日期：{0:%Y-%m-%d}</source>
        <translation>Dated: {0:%Y-%m-%d}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="158"/>
        <source>整改期限：{0:%Y-%m-%d}</source>
        <translation>Deadline: {0:%Y-%m-%d}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="160"/>
        <source>联系人：{0}</source>
        <translation>Contact: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="162"/>
        <source>存在问题（{0}个）</source>
        <translation>Problems ({0})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="170"/>
        <source>{0}（专项合并）</source>
        <translation>{0} (campaign, merged)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notice_detail.py" line="178"/>
        <source>今日签发则至 {0:%Y-%m-%d}</source>
        <translation>if issued today: until {0:%Y-%m-%d}</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="65"/>
        <source>搜索文号、受文单位、检查地点或专项行动</source>
        <translation>Search number, unit, site or campaign</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="67"/>
        <source>起草…</source>
        <translation>Draft…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="69"/>
        <source>从审核通过的检查按责任单位起草通知书</source>
        <translation>Draft notices per responsible unit from an approved inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="70"/>
        <source>批量打印…</source>
        <translation>Batch print…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="72"/>
        <source>一个专项行动已签发的通知书及其送达回证，合为一个PDF</source>
        <translation>A campaign&apos;s issued notices with their delivery receipts, in one PDF</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="76"/>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="97"/>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="77"/>
        <source>受文单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="78"/>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="98"/>
        <source>检查地点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="79"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="80"/>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="100"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="81"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="106"/>
        <source>还没有通知书。检查审核通过后，点击“起草…”按责任单位起草。</source>
        <translation>No notices yet. Once an inspection is approved, click “Draft…” to draft one per responsible unit.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="177"/>
        <source>显示 {0} / 共 {1} 份通知书</source>
        <translation>Showing {0} of {1} notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="189"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="249"/>
        <source>起草整改通知书</source>
        <translation>Draft rectification notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="250"/>
        <source>没有待起草的检查：审核通过的检查都已起草了通知书。</source>
        <translation>Nothing to draft: every approved inspection already has its notices.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="267"/>
        <source>已起草 {0} 份通知书草稿：{1}。</source>
        <translation>Drafted {0} notice(s): {1}.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="269"/>
        <source>这次检查的通知书已起草过。</source>
        <translation>This inspection&apos;s notices were drafted before.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="300"/>
        <source>问题已移至“{0}”的草稿。</source>
        <translation>Problem moved to the draft for “{0}”.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="304"/>
        <source>草稿已保存，将在下次同步时上传。</source>
        <translation>Draft saved; it goes to the server with the next sync.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="320"/>
        <source>批量打印通知书</source>
        <translation>Batch print notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="323"/>
        <source>还没有专项行动的通知书已签发，没有可批量打印的内容。</source>
        <translation>No campaign has issued notices yet, so there is nothing to batch print.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="326"/>
        <source>{0}（已签发 {1} 份）</source>
        <translation>{0} ({1} issued)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="330"/>
        <source>专项行动：已签发的通知书按文号排列，每份后附送达回证。</source>
        <translation>Campaign: its issued notices in number order, each followed by its delivery receipt.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="339"/>
        <source>正在合成…</source>
        <translation>Putting the batch together…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/notices/notices_page.py" line="350"/>
        <source>已合成 {0} 份通知书及送达回证，共 {1} 页。</source>
        <translation>{0} notices with their delivery receipts, {1} pages.</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="90"/>
        <source>照片查看</source>
        <translation>Photo viewer</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="105"/>
        <source>照片说明（如：3号窗口无人在岗）</source>
        <translation>Caption (e.g. nobody at window 3)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="111"/>
        <source>上一张 (←)</source>
        <translation>Previous (←)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="112"/>
        <source>下一张 (→)</source>
        <translation>Next (→)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="113"/>
        <source>放大 (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="114"/>
        <source>缩小 (-)</source>
        <translation>Zoom out (-)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="115"/>
        <source>适应窗口</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="116"/>
        <source>旋转</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="117"/>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="227"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="118"/>
        <source>箭头</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="119"/>
        <source>方框</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="120"/>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="296"/>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="121"/>
        <source>保存标注</source>
        <translation>Save annotation</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="143"/>
        <source>标注：</source>
        <translation>Annotate:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="207"/>
        <source>没有照片。</source>
        <translation>No photos.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="339"/>
        <source>还没有标注：先选箭头、方框或文字，在照片上拖动画出。</source>
        <translation>Nothing marked yet: choose Arrow, Box or Text and drag on the photo.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="345"/>
        <source>标注已保存为单独的图片，原图未改动。</source>
        <translation>Annotation saved as a separate image; the original photo is unchanged.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="236"/>
        <source>（已删除，可恢复）</source>
        <translation>(deleted, can be restored)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="227"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="234"/>
        <source>未知（照片无拍摄时间信息）</source>
        <translation>unknown (the photo carries no capture time)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="237"/>
        <source>{0} · 拍摄时间：{1} · SHA-256 {2}… {3}</source>
        <translation>{0} · taken: {1} · SHA-256 {2}… {3}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/photo_viewer.py" line="296"/>
        <source>标注文字</source>
        <translation>Annotation text</translation>
    </message>
</context>
<context>
    <name>ProblemAnswer</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="56"/>
        <source>采取了哪些整改措施</source>
        <translation>what was done to rectify it</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="58"/>
        <source>对该问题整改负责的人</source>
        <translation>who answers for this problem&apos;s rectification</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="61"/>
        <source>添加照片或扫描件…</source>
        <translation>Add photos or scans…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="62"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="68"/>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="69"/>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="70"/>
        <source>证明材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="81"/>
        <source>选择整改照片或扫描的整改报告</source>
        <translation>Choose photos of the rectification or the scanned report</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="83"/>
        <source>照片或 PDF 扫描件 ({0})</source>
        <translation>Photos or scanned PDFs ({0})</translation>
    </message>
</context>
<context>
    <name>RecheckItemPanel</name>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="48"/>
        <source>原发现问题</source>
        <translation>Problem as first found</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="54"/>
        <source>原问题没有照片。</source>
        <translation>The original finding has no photo.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="62"/>
        <source>单位报告的整改措施：</source>
        <translation>Measures the unit reported:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="66"/>
        <source>本次复查</source>
        <translation>This re-inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="67"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="68"/>
        <source>未整改</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="86"/>
        <source>现场复查情况（如仍未整改，写明现状）</source>
        <translation>What the re-inspection found on site (if not rectified, describe how it stands)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="90"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="94"/>
        <source>复查说明：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="96"/>
        <source>复查照片：</source>
        <translation>Re-inspection photos:</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="119"/>
        <source>问题{0}：{1}</source>
        <translation>Problem {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="125"/>
        <source>（本轮报告未写明）</source>
        <translation>(not stated in this round&apos;s report)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="141"/>
        <source>窗口 {0}</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_item_panel.py" line="144"/>
        <source>发现于 {0}</source>
        <translation>found {0}</translation>
    </message>
</context>
<context>
    <name>RecheckPage</name>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="57"/>
        <source>返回列表</source>
        <translation>Back to list</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="60"/>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="210"/>
        <source>完成复查</source>
        <translation>Finish re-inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="146"/>
        <source>复查 · 整改通知书 {0}</source>
        <translation>Re-inspection · rectification notice {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="148"/>
        <source>复查 · 整改通知书（未编号）</source>
        <translation>Re-inspection · rectification notice (not numbered)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="151"/>
        <source>{0}  ·  {1}  ·  复查人员：{2}  ·  {3}</source>
        <translation>{0}  ·  {1}  ·  by {2}  ·  {3}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="178"/>
        <source>待复查</source>
        <translation>Not yet checked</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="179"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="180"/>
        <source>未整改</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="211"/>
        <source>完成后，各问题的复查结论将记入通知书，本次复查不能再修改。确定完成吗？</source>
        <translation>Finishing records each problem&apos;s result on the notice; the re-inspection can no longer be changed. Finish it?</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/recheck_page.py" line="220"/>
        <source>复查已完成：{0} 个已整改到位，{1} 个未整改到位。</source>
        <translation>Re-inspection finished: {0} rectified, {1} not rectified.</translation>
    </message>
</context>
<context>
    <name>RecordFactsBar</name>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="34"/>
        <source>已亮明身份</source>
        <translation>Identity shown</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="38"/>
        <source>暗访中检查人员向被检查单位亮明身份后勾选：现场检查记录表将请被检查单位负责人签名；未勾选时记录表注明未亮明身份，不请被检查单位签名。</source>
        <translation>Tick once the inspectors of a covert visit have shown who they are: the record sheet then asks the inspected unit&apos;s head to sign. Unticked, the sheet says the inspectors stayed unknown and asks the unit for no signature.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="42"/>
        <source>证号与记录人…</source>
        <translation>Card numbers and recorder…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="75"/>
        <source>检查人员：{0}&#x3000;记录人：{1}</source>
        <translation>Inspectors: {0}  Recorder: {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="76"/>
        <source>未指定</source>
        <translation>not chosen</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_bar.py" line="79"/>
        <source>&#x3000;（{0}未填证号）</source>
        <translation>  (no card number for {0})</translation>
    </message>
</context>
<context>
    <name>RecordFactsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_dialog.py" line="28"/>
        <source>证号与记录人</source>
        <translation>Card numbers and recorder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_dialog.py" line="31"/>
        <source>印在现场检查记录表上：检查人员的执法证号（无执法证的填工作证号）。</source>
        <translation>Printed on the record sheet: each inspector&apos;s law-enforcement card number (staff without one give their work card number).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_dialog.py" line="46"/>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_dialog.py" line="55"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/record_facts_dialog.py" line="56"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/conflict_texts.py" line="49"/>
        <source>整改通知书</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="41"/>
        <source>被服务器拒绝的修改</source>
        <translation>Changes refused by the server</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="46"/>
        <source>服务器没有接受下列修改（原因见右侧）。它们不会再次上传，也不影响其他记录的同步；放弃后，下次同步时本机恢复为服务器上的内容。</source>
        <translation>The server did not accept these changes (its reason is on the right). They are not sent again and do not hold up other records; after you discard one, the next sync puts back the server&apos;s version on this laptop.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="53"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="53"/>
        <source>修改的内容</source>
        <translation>Changed fields</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="53"/>
        <source>修改于</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="53"/>
        <source>服务器的说明</source>
        <translation>Server&apos;s reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="63"/>
        <source>没有被拒绝的修改。</source>
        <translation>No refused changes.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="66"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="91"/>
        <source>放弃此修改</source>
        <translation>Discard this change</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="104"/>
        <source>整条记录（{0} 项）</source>
        <translation>The whole record ({0} fields)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/rejected_dialog.py" line="112"/>
        <source>✓ 已放弃</source>
        <translation>✓ Discarded</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="122"/>
        <source>退回重办</source>
        <translation>Return for redo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="128"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="129"/>
        <source>哪些问题未整改到位，应当怎样重新整改</source>
        <translation>which problems are not rectified and how to redo them</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="130"/>
        <source>退回日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="131"/>
        <source>核查人</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="132"/>
        <source>重新整改期限</source>
        <translation>New period</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="133"/>
        <source>退回理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialogs.py" line="146"/>
        <source>已退回重办，新的整改期限为 {0}。</source>
        <translation>Returned for redo; the new deadline is {0}.</translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="47"/>
        <source>请在左侧列表中选择一次检查。</source>
        <translation>Select an inspection in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="62"/>
        <source>检查时间：{0}</source>
        <translation>Inspected: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="64"/>
        <source>专项行动：{0}</source>
        <translation>Campaign: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="65"/>
        <source>检查人员：{0}</source>
        <translation>Inspectors: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="73"/>
        <source>问题 {0} 个；符合 {1} 项，不适用 {2} 项。</source>
        <translation>{0} problem(s); {1} item(s) passed, {2} not applicable.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="80"/>
        <source>本次检查未发现问题。</source>
        <translation>No problems were found in this inspection.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="111"/>
        <source>窗口 {0}</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="113"/>
        <source>工号 {0}</source>
        <translation>Badge {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="115"/>
        <source>责任单位：{0}</source>
        <translation>Responsible unit: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="117"/>
        <source>发现时间 {0}</source>
        <translation>Observed {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="130"/>
        <source>无照片</source>
        <translation>No photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="140"/>
        <source>点击查看大图</source>
        <translation>Click to view full size</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_detail.py" line="142"/>
        <source>照片未下载</source>
        <translation>Photo not downloaded yet</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="51"/>
        <source>搜索地点、专项行动、检查人员或问题</source>
        <translation>Search site, campaign, inspector or problem</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="55"/>
        <source>待审核</source>
        <translation>Waiting for review</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="56"/>
        <source>已审核通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="60"/>
        <source>检查地点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="61"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="62"/>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="63"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="64"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="86"/>
        <source>没有待审核的检查。检查人员提交并同步后，会出现在这里。</source>
        <translation>No inspections wait for review. They appear here once inspectors submit and sync them.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="104"/>
        <source>退回意见：写明需要补充或修改的内容（退回时必填）</source>
        <translation>Return comment: what must be added or corrected (required to return)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="111"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="112"/>
        <location filename="../../inspector_app/ui/review/review_page.py" line="257"/>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="124"/>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="125"/>
        <source>已审核通过的检查只能以附理由的更正记录修改</source>
        <translation>An approved inspection changes only by an amendment with a reason</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="190"/>
        <source>显示 {0} / 共 {1} 次已审核通过</source>
        <translation>Showing {0} of {1} approved</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="192"/>
        <source>显示 {0} / 共 {1} 次待审核</source>
        <translation>Showing {0} of {1} waiting for review</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="258"/>
        <source>确认审核通过这次检查？通过后内容不能再直接修改，只能提交附理由的更正记录。</source>
        <translation>Approve this inspection? Once approved it cannot be edited directly; corrections are amendments with a reason.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="264"/>
        <source>已审核通过，将在下次同步时上传。</source>
        <translation>Approved; it goes to the server with the next sync.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="273"/>
        <source>已退回，检查人员同步后可看到退回意见。</source>
        <translation>Returned; the inspector sees the comment after their next sync.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/review/review_page.py" line="298"/>
        <source>更正已保存，将在下次同步时上传。</source>
        <translation>Correction saved; it goes to the server with the next sync.</translation>
    </message>
</context>
<context>
    <name>RunnerPage</name>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="63"/>
        <source>导入照片 %v/%m</source>
        <translation>Importing photos %v/%m</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="76"/>
        <source>返回列表</source>
        <translation>Back to list</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="77"/>
        <source>新增表外问题 (Ctrl+N)</source>
        <translation>New ad-hoc problem (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="78"/>
        <source>完成检查 (Ctrl+Enter)</source>
        <translation>Finish (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="67"/>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="80"/>
        <source>整改通知书</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="81"/>
        <source>现场记录表</source>
        <translation>On-site record</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="86"/>
        <source>按责任单位生成整改通知书（草稿），可预览、打印、另存</source>
        <translation>Make a draft rectification notice per responsible unit; preview, print, save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="88"/>
        <source>生成现场检查记录表，可预览、打印、另存</source>
        <translation>Make the on-site record sheet; preview, print, save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/header.py" line="81"/>
        <source>1 个问题</source>
        <translation>1 problem</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/header.py" line="83"/>
        <source>{0} 个问题</source>
        <translation>{0} problems</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/header.py" line="85"/>
        <source>已检查 {0} / {1}</source>
        <translation>Checked {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/header.py" line="49"/>
        <source>已被退回，请按审核意见修改后重新提交。审核意见：{0}</source>
        <translation>Returned for changes; fix and submit again. Reviewer&apos;s comment: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/header.py" line="57"/>
        <source>该检查已提交，只能查看，不能修改。</source>
        <translation>This inspection has been submitted; it can be viewed but not changed.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="303"/>
        <source>已撤销上一步修改。</source>
        <translation>The last change was undone.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="324"/>
        <source>新增检查表外问题</source>
        <translation>New problem not on the checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="324"/>
        <source>问题标题（如：大厅饮水机无水）</source>
        <translation>Problem title (e.g. water dispenser empty)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="80"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="82"/>
        <source>照片 ({0})</source>
        <translation>Photos ({0})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="107"/>
        <source>剪贴板中没有图片。</source>
        <translation>The clipboard holds no image.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="151"/>
        <source>注意：照片“{0}”也是另一检查项的证据。</source>
        <translation>Note: photo “{0}” is also evidence for another item.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/photo_import.py" line="169"/>
        <source>照片未导入</source>
        <translation>Photo not imported</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="357"/>
        <source>照片已删除（同步前可在照片查看器中恢复）。</source>
        <translation>Photo deleted (it can be restored in the photo viewer until the next sync).</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/runner_page.py" line="375"/>
        <source>检查已提交。</source>
        <translation>The inspection was submitted.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="64"/>
        <source>现场检查记录表</source>
        <translation>On-site record sheet</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="65"/>
        <source>送达回证（{0}）</source>
        <translation>Delivery receipt ({0})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="114"/>
        <source>联系人未填写</source>
        <translation>No contact person</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="115"/>
        <source>设置中尚未填写联系人或联系电话，整改通知书上这两项将是空白，被检查单位无法与我局联系。</source>
        <translation>No contact person or phone is set in Settings. The notice would print them blank, and the unit could not reach the bureau.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="123"/>
        <source>填写联系人…</source>
        <translation>Fill in the contact…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="127"/>
        <source>仍然生成</source>
        <translation>Build anyway</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="130"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/document_actions.py" line="143"/>
        <source>正在生成文档…</source>
        <translation>Making the document…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="49"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="54"/>
        <source>印在现场检查记录表上，新建检查时自动填入</source>
        <translation>Printed on the record sheet; filled in for each new inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="56"/>
        <source>新建检查时默认的检查组成员，用逗号分隔</source>
        <translation>Default team for new inspections, separated by commas</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="58"/>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="85"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="63"/>
        <source>更改数据目录后，重新启动程序生效。</source>
        <translation>A new data folder takes effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="70"/>
        <source>记录“符合”或“不适用”后自动跳到下一个未检查项</source>
        <translation>After Pass or N/A, move on to the next unchecked item</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="76"/>
        <source>IANA 时区名称；北京时间为 Asia/Shanghai</source>
        <translation>IANA time zone name; Beijing time is Asia/Shanghai</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="84"/>
        <source>留空则使用系统信任的证书</source>
        <translation>Leave empty to use the system&apos;s trusted certificates</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="91"/>
        <source>允许不加密的 http 连接（仅限测试环境）</source>
        <translation>Allow unencrypted http connections (test setups only)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="93"/>
        <source>登录后每 5 分钟自动同步</source>
        <translation>Sync automatically every 5 minutes once signed in</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="97"/>
        <source>机关代字，如：伊营商监</source>
        <translation>Organ code used in document numbers</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="101"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="103"/>
        <source>自收到通知之次日起计算：不含法定节假日，含调休上班的周末</source>
        <translation>Counted from the day after the notice is received: statutory holidays excluded, make-up working weekends included</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="109"/>
        <source>版记中的抄送机关，用顿号或逗号分隔；留空则不印抄送</source>
        <translation>Organs sent a copy, named in the imprint, separated by commas; empty: no copy-to line</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="112"/>
        <source>留空则为发文机关</source>
        <translation>Empty: the issuing authority itself</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="118"/>
        <source>留空则自动查找系统字体；也可填写 .ttf/.ttc 文件路径</source>
        <translation>Leave empty to find a system font; or give a .ttf/.ttc file path</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="121"/>
        <source>检查人员姓名</source>
        <translation>Inspector&apos;s name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="122"/>
        <source>执法证号/工作证号</source>
        <translation>Enforcement / work card number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="123"/>
        <source>默认检查组</source>
        <translation>Default team</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="124"/>
        <source>数据目录</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="126"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="127"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="128"/>
        <source>单位所在时区</source>
        <translation>Bureau time zone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="129"/>
        <source>同步服务器地址</source>
        <translation>Sync server URL</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="130"/>
        <source>服务器 CA 证书</source>
        <translation>Server CA certificate</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="132"/>
        <source>自动同步</source>
        <translation>Automatic sync</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="133"/>
        <source>发文机关</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="134"/>
        <source>机关代字</source>
        <translation>Organ code</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="135"/>
        <source>整改期限</source>
        <translation>Rectification period</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="136"/>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="137"/>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="138"/>
        <source>抄送机关</source>
        <translation>Copied to</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="139"/>
        <source>印发机关</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="140"/>
        <source>标题字体（小标宋/宋体）</source>
        <translation>Title font (Xiaobiaosong / Song)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="141"/>
        <source>正文字体（仿宋）</source>
        <translation>Body font (FangSong)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="142"/>
        <source>一级标题字体（黑体）</source>
        <translation>Level-1 heading font (Hei)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="143"/>
        <source>二级标题字体（楷体）</source>
        <translation>Level-2 heading font (Kai)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="147"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="148"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="157"/>
        <source>选择数据目录</source>
        <translation>Choose data folder</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="165"/>
        <source>选择服务器 CA 证书</source>
        <translation>Choose the server&apos;s CA certificate</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="167"/>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="177"/>
        <source>本人</source>
        <translation>The inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/settings_dialog.py" line="185"/>
        <source>未知的时区“{0}”，设置未保存。请填写 IANA 时区名称，如 Asia/Shanghai。</source>
        <translation>Unknown time zone “{0}”; nothing was saved. Enter an IANA time zone name such as Asia/Shanghai.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="73"/>
        <source>登录同步服务器</source>
        <translation>Sign in to the sync server</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="95"/>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="132"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="96"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="102"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="103"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="104"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="119"/>
        <source>请填写服务器地址、用户名和密码。</source>
        <translation>Please fill in the server address, user name and password.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="132"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/sign_in_dialog.py" line="142"/>
        <source>登录状态未保存</source>
        <translation>Sign-in not kept</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialog.py" line="50"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialog.py" line="51"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/step_dialog.py" line="92"/>
        <source>不能完成这一步</source>
        <translation>This step cannot be taken</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="26"/>
        <source>完成检查</source>
        <translation>Finish inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="29"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="30"/>
        <source>符合</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="31"/>
        <source>不符合</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="32"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="33"/>
        <source>未检查</source>
        <translation>Unchecked</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="36"/>
        <source>检查表外问题</source>
        <translation>Problems not on the checklist</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="75"/>
        <source>共发现问题 1 个</source>
        <translation>1 problem found</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="77"/>
        <source>共发现问题 {0} 个</source>
        <translation>{0} problems found</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="79"/>
        <source>照片 1 张</source>
        <translation>1 photo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="79"/>
        <source>照片 {0} 张</source>
        <translation>{0} photos</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="80"/>
        <source>{0}，{1}。</source>
        <translation>{0}, {1}.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="92"/>
        <source>以下内容必须补充后才能提交（双击或按回车跳转）：</source>
        <translation>Complete these before submitting (double-click or press Enter to go there):</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="87"/>
        <source>缺少照片：{0}</source>
        <translation>Photo missing: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="89"/>
        <source>缺少问题描述：{0}</source>
        <translation>Description missing: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="94"/>
        <source>没有缺失内容，可以提交。提交后本次检查将变为只读。</source>
        <translation>Nothing is missing. After submitting, the inspection becomes read-only.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="98"/>
        <source>还有 {0} 项未检查，将按“未检查”提交。</source>
        <translation>{0} items are unchecked and will be submitted as unchecked.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="102"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/runner/summary_dialog.py" line="103"/>
        <source>返回修改</source>
        <translation>Back to editing</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="114"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="115"/>
        <source>与单位服务器交换记录和照片</source>
        <translation>Exchange records and photos with the bureau&apos;s server</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="116"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="118"/>
        <source>被拒绝的修改</source>
        <translation>Refused changes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="120"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="205"/>
        <source>同步完成：上传 {0}，下载 {1}</source>
        <translation>Sync finished: sent {0}, received {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="222"/>
        <source>同步未完成</source>
        <translation>Sync not finished</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/controller.py" line="274"/>
        <source>已退出登录。</source>
        <translation>Signed out.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="24"/>
        <source>检查人员</source>
        <translation>inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="25"/>
        <source>科室负责人</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="26"/>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="39"/>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="41"/>
        <source>{0} 小时</source>
        <translation>{0} hours</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="42"/>
        <source>{0} 分钟</source>
        <translation>{0} minutes</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="55"/>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="92"/>
        <source>尚未同步</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="61"/>
        <source>查看并处理同步冲突</source>
        <translation>See and settle sync conflicts</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="66"/>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="131"/>
        <source>未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="95"/>
        <source>上次同步 {0}</source>
        <translation>Last sync {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="96"/>
        <source>待同步 {0}</source>
        <translation>Pending {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="98"/>
        <source>（照片 {0}）</source>
        <translation> (photos {0})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="102"/>
        <source>冲突 {0}</source>
        <translation>Conflicts {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="104"/>
        <source>被拒绝 {0}</source>
        <translation>Refused {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="111"/>
        <source>本机时钟与服务器相差 {0}</source>
        <translation>This laptop&apos;s clock is {0} off the server&apos;s</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="115"/>
        <source>请校准本机日期和时间。同步顺序以服务器为准，不受影响；本机记录的拍照和修改时间按本机时钟保存。</source>
        <translation>Please set this laptop&apos;s date and time. The order of synced changes follows the server and is not affected; photo and edit times recorded here use this laptop&apos;s clock.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="123"/>
        <source>已保存登录：{0}</source>
        <translation>Signed in earlier: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="124"/>
        <source>下次同步无需再输入密码。</source>
        <translation>The next sync needs no password.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/indicator.py" line="133"/>
        <source>已登录（{0}）：</source>
        <translation>Signed in ({0}):</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="26"/>
        <location filename="../../inspector_app/ui/sync/progress.py" line="47"/>
        <source>取消同步</source>
        <translation>Cancel sync</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="43"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="61"/>
        <source>正在同步：{0} 条记录，{1}</source>
        <translation>Syncing: {0} records, {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/progress.py" line="65"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="16"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="17"/>
        <source>被拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="18"/>
        <source>照片未上传</source>
        <translation>Photo waiting</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="19"/>
        <source>待同步</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="20"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/sync/labels.py" line="21"/>
        <source>未同步</source>
        <translation>Not synced</translation>
    </message>
</context>
<context>
    <name>TrackingActions</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="45"/>
        <source>送达登记…</source>
        <translation>Record delivery…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="47"/>
        <source>整改反馈…</source>
        <translation>Record report…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="49"/>
        <source>核查…</source>
        <translation>Verify…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="50"/>
        <source>销号…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="51"/>
        <source>退回重办…</source>
        <translation>Return for redo…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="52"/>
        <source>延期…</source>
        <translation>Extension…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="53"/>
        <source>督办…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="54"/>
        <source>复查…</source>
        <translation>Re-inspect…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="56"/>
        <source>到现场逐项复查单位报告已整改的问题，结果即为核查结论</source>
        <translation>Check on site, item by item, the problems the unit reports as rectified; the result is the verification</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="117"/>
        <source>开始复查</source>
        <translation>Start a re-inspection</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="119"/>
        <source>为通知书 {0} 新建一次复查：逐项记录单位报告的问题是否已整改到位，完成复查后结果即记为本轮核查结论。现在开始吗？</source>
        <translation>Start a re-inspection for notice {0}: record for each reported problem whether it was rectified; when it is finished, its results are this round&apos;s verification. Start now?</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="125"/>
        <source>复查人</source>
        <translation>Re-inspector</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/actions.py" line="128"/>
        <source>不能开始复查</source>
        <translation>Cannot start the re-inspection</translation>
    </message>
</context>
<context>
    <name>TrackingPage</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="62"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="63"/>
        <source>未销号</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="68"/>
        <source>全部预警</source>
        <translation>All warnings</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="74"/>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="75"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="76"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="77"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="78"/>
        <source>剩余 / 逾期</source>
        <translation>Days left / overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="79"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="97"/>
        <source>没有已签发的整改通知书。通知书签发并同步后，会出现在这里跟踪整改。</source>
        <translation>No issued rectification notices. Once a notice is issued and synced, it appears here to be followed up.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="182"/>
        <source>显示 {0} / 共 {1} 份通知书</source>
        <translation>Showing {0} of {1} notices</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_page.py" line="199"/>
        <source>{0}（已申请延期）</source>
        <translation>{0} (extension requested)</translation>
    </message>
</context>
<context>
    <name>TrackingPane</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="65"/>
        <source>请在左侧列表中选择一份整改通知书。</source>
        <translation>Select a rectification notice in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="90"/>
        <source>问题及整改情况（第 {0} 轮）</source>
        <translation>Problems and rectification (round {0})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="96"/>
        <source>该通知书没有列出问题。</source>
        <translation>This notice lists no problems.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="97"/>
        <source>办理经过</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="109"/>
        <source>成文日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="112"/>
        <source>{0}（原定 {1}）</source>
        <translation>{0} (originally {1})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="115"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="122"/>
        <source>未登记</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="123"/>
        <source>送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="127"/>
        <source>{0}：申请延至 {1}，理由：{2}</source>
        <translation>{0}: to {1}, because: {2}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="133"/>
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="135"/>
        <source>督办</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="137"/>
        <source>退回重办</source>
        <translation>Returned for redo</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="137"/>
        <source>{0} 次</source>
        <translation>{0} time(s)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="140"/>
        <source>销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="145"/>
        <source>逾期 {0} 天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="147"/>
        <source>今天到期</source>
        <translation>due today</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="148"/>
        <source>剩 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="166"/>
        <source>整改措施：{0}</source>
        <translation>Measures: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="167"/>
        <source>责任人：{0}</source>
        <translation>Responsible: {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="168"/>
        <source>证明材料 {0} 份</source>
        <translation>{0} evidence file(s)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="177"/>
        <source>签发（成文）</source>
        <translation>issued</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/tracking_detail.py" line="180"/>
        <source>期限 {0}</source>
        <translation>deadline {0}</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="156"/>
        <source>核查</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="159"/>
        <source>核查日期</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="160"/>
        <source>核查人</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="162"/>
        <source>逐项核查结论</source>
        <translation>Result per problem</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="168"/>
        <source>待定</source>
        <translation>not decided yet</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="184"/>
        <source>核查方式、发现的情况（可不填）</source>
        <translation>how it was checked, what was found (optional)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="187"/>
        <source>核查意见</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/tracking/report_dialogs.py" line="213"/>
        <source>已记录核查结论。</source>
        <translation>Verification recorded.</translation>
    </message>
</context>
<context>
    <name>camera</name>
    <message>
        <location filename="../../inspector_app/ui/photos/camera.py" line="34"/>
        <source>拍照</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/camera.py" line="48"/>
        <source>拍摄</source>
        <translation>Take picture</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/photos/camera.py" line="51"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="78"/>
        <source>问题 {problems} 个，已下发通知书 {issued} 个，已销号 {closed} 个，整改率 {rate}；预警：蓝色 {blue}，黄色 {yellow}，红色（逾期） {red}</source>
        <translation>{problems} problems, {issued} in issued notices, {closed} closed: rectification rate {rate}. Warnings: blue {blue}, yellow {yellow}, red (overdue) {red}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="97"/>
        <source>其他</source>
        <translation>Others</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="103"/>
        <source>按问题类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="108"/>
        <source>按责任单位</source>
        <translation>By responsible unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="113"/>
        <source>按区县</source>
        <translation>By district</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="118"/>
        <source>按月份</source>
        <translation>By month</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="121"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="154"/>
        <source>“{label}”的问题（{count} 个）</source>
        <translation>Problems under “{label}” ({count})</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="191"/>
        <source>检查日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="192"/>
        <source>被检查单位</source>
        <translation>Inspected hall</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="193"/>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="194"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="195"/>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="196"/>
        <source>通知书</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="197"/>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/dashboard/dashboard_page.py" line="198"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../inspector_app/ui/errors.py" line="25"/>
        <source>磁盘已满，这次的操作没有完成。之前已保存的数据都没有丢失；请清理磁盘后再试一次。</source>
        <translation>The disk is full, so this action did not complete. Everything saved before is intact; free some disk space and try again.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/errors.py" line="30"/>
        <source>操作未完成：{0}。已保存的数据不受影响。</source>
        <translation>The action did not complete ({0}). Saved data is not affected.</translation>
    </message>
    <message>
        <location filename="../../inspector_app/ui/errors.py" line="49"/>
        <source>无法完成操作</source>
        <translation>Could not complete the action</translation>
    </message>
</context>
</TS>
