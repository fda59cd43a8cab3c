/**
 * 日本語：案内文・メールは「です・ます」調。設問文は日本の 360 度評価で一般的な常体
 * （「〜している」）で、尺度は「まったくそう思わない」〜「強くそう思う」。
 * 役職名 Consultant Sales Leader は「コンサルタント・セールスリーダー」と表記します。
 */
import type { Section } from './section.ts';

export const common: Section<'common'> = {
  'common.footer': 'Ladder – コンサルタント・セールスリーダーの四半期評価',
  'common.pageTitle': '{title} – Ladder',
};

/** 設問票 バージョン 1、文言 1（`v1-ja-1`）。 */
export const competencyLabels: Section<'competencyLabels'> = {
  'q1.coaching-questions.label': 'コーチング型の質問',
  'q1.knowledge-transfer.label': 'ノウハウの共有',
  'q1.motivation.label': '動機づけと責任意識',
  'q1.development.label': '育成計画',
  'q1.deal-strategy.label': '商談戦略',
  'q1.hiring.label': '採用',
  'q1.territory-targets.label': '担当エリアと目標',
  'q1.forecasting.label': '売上予測',
  'q1.strategy-execution.label': '戦略の実行',
  'q1.cross-functional.label': '部門間の連携',
  'q1.budgeting.label': '予算管理',
  'q1.firefighting.label': 'トラブル対応',
  'q1.stand-in.label': 'マネージャー代行',
};

export const questionnaire: Section<'questionnaire'> = {
  'q1.scale.1': 'まったくそう思わない',
  'q1.scale.2': 'そう思わない',
  'q1.scale.3': 'どちらともいえない',
  'q1.scale.4': 'そう思う',
  'q1.scale.5': '強くそう思う',
  'q1.notObserved': '観察していない',
  'q1.area.coaching': 'コーチング',
  'q1.area.management': 'マネジメント',
  'q1.coaching-questions.statement': '相手が課題を新しい視点で捉えられるよう、コーチング型の質問をしている',
  'q1.knowledge-transfer.statement': '自身の成功を支えている手法を周囲に共有している',
  'q1.motivation.statement': 'メンバーの意欲を保ち、目標に対する責任意識を持たせている',
  'q1.development.statement': 'メンバーが改善計画を立てて実行できるよう支援している',
  'q1.deal-strategy.statement': '進行中の商談の戦略づくりに貢献している',
  'q1.hiring.statement': '候補者を的確に見極め、適切に面接している',
  'q1.territory-targets.statement': '公平な担当エリア計画と目標を設定している',
  'q1.forecasting.statement': '信頼できる売上予測と指標を作成している',
  'q1.strategy-execution.statement': '経営の戦略をチームの具体的な行動に落とし込んでいる',
  'q1.cross-functional.statement': 'サポート、マーケティング、財務の各部門と円滑に連携している',
  'q1.budgeting.statement': '予算を適切に管理し、支出について的確に判断している',
  'q1.firefighting.statement': '問題が起きたときも効果的に対応し続けている',
  'q1.stand-in.statement': 'マネージャー不在時にチームを率いることができる',
  'q1.open.keep': 'この方に今後も続けてほしいことは何ですか？',
  'q1.open.change': 'この方に改善してほしいことは何ですか？',
};

export const form: Section<'form'> = {
  'form.language': '言語',
  'form.title.self': '自己評価',
  'form.title.other': '{leader}さんへのフィードバック',
  'form.errorTitle': 'エラー：{title}',
  'form.errorSummary': '入力内容に問題があります',
  'form.errorPrefix': 'エラー：',
  'form.state.answered':
    '<strong>回答を受け付けました。</strong>{deadline}までは、下の回答を編集して再度送信することで変更できます。',
  'form.state.declined.self':
    '<strong>自己評価ができない旨を承りました。</strong>お気持ちが変わった場合は、{deadline}まで回答できます。',
  'form.state.declined.other':
    '<strong>{leader}さんを評価できない旨を承りました。</strong>お気持ちが変わった場合は、{deadline}まで回答できます。',
  'form.intro.self':
    '今四半期のコンサルタント・セールスリーダー評価では、ご自身をどのように捉えているかもお尋ねしています。各項目について「{lowest}」から「{highest}」までの中からお選びください。当てはまらない場合は「{notObserved}」を選んでください。',
  'form.intro.other':
    'コンサルタント・セールスリーダーとしての<strong>{leader}</strong>さんについて、あなたの評価をお聞かせください。各項目について「{lowest}」から「{highest}」までの中からお選びください。見る機会がなかった場合は「{notObserved}」を選んでください。',
  'form.privacy.self':
    'あなたの回答は、コーチー、同僚、上司からのフィードバックと並んで、ご自身の育成レポートに掲載されます。自己評価と周囲からの評価を比べることができます。',
  'form.privacy.manager':
    'あなたは{leader}さんの上司のため、評価は上司の評価として{leader}さんに表示され、匿名にはなりません。コメントは名前を伏せて表示されます。',
  'form.privacy.anonymous':
    '<strong>回答は匿名です。</strong>{leader}さんには、コーチーと同僚の評価が{minimum}人以上のグループ単位でまとめて表示され、それより少ないグループの評価は単独では表示されません。コメントは名前を伏せ、書かれたとおりに表示されますので、あなたが特定されるような内容は避けてください。',
  'form.deadline':
    '<strong>{deadline}</strong>までにご回答ください。それまでは同じリンクから回答を変更できます。',
  'form.statement': '項目',
  'form.openQuestions': '自由記述',
  'form.commentHint.self': '任意、{max, number}文字以内。',
  'form.commentHint.other': '任意、{max, number}文字以内。名前を伏せて表示されます。',
  'form.submit.new': '回答を送信する',
  'form.submit.update': '回答を更新する',
  'form.decline.title.self': '自己評価ができない場合',
  'form.decline.title.other': '{leader}さんをよく知らない場合',
  'form.decline.text.self': '回答する代わりに、その旨をお知らせください。',
  'form.decline.text.other':
    '{leader}さんと一緒に仕事をした経験が少なく評価できない場合は、回答する代わりにその旨をお知らせください。',
  'form.decline.button.self': '自己評価ができません',
  'form.decline.button.other': 'この方を評価できません',
  'answers.missing': '「{label}」の評価を選んでください（1～5 または「{notObserved}」）。',
  'answers.repeated': '「{label}」に複数の回答があります。1 つだけ選んでください。',
  'answers.unknown': '「{field}」はこのフォームの質問ではありません。',
  'answers.notAsked':
    '「{label}」は{group, select, self {評価対象者本人} manager {上司} coachee {コーチー} other {同僚}}への質問ではありません。',
  'answers.commentRepeated': '「{prompt}」が複数回送信されました。回答は 1 つだけ送信してください。',
  'answers.control': '「{prompt}」に制御文字が含まれています。文字、改行、タブのみを使用してください。',
  'answers.tooLong':
    '「{prompt}」が長すぎます（{length, number}文字）。{max, number}文字以内で入力してください。',
  'thanks.title.saved': 'ありがとうございます。回答を保存しました',
  'thanks.title.declined': 'お知らせいただきありがとうございます',
  'thanks.saved.self': '自己評価は、評価期間の終了後にあなたの育成レポートに掲載されます。',
  'thanks.saved.other':
    '{leader}さんへのフィードバックを保存しました。評価期間の終了後、{leader}さんのレポートに反映されます。',
  'thanks.declined.self': '今四半期は自己評価を行わない旨を記録しました。',
  'thanks.declined.other':
    '{leader}さんを評価できない旨を記録しました。この件についてリマインダーは送信されません。',
  'thanks.edit.saved': '<strong>{deadline}</strong>まで回答を変更できます：<link>回答を変更する</link>',
  'thanks.edit.declined': '<strong>{deadline}</strong>までは回答できます：<link>フォームに戻る</link>',
  'thanks.close': 'このページは閉じていただいて構いません。',
  'notFound.title': 'ページが見つかりません',
  'notFound.text':
    'このリンクは無効です。メールからコピーした場合は、リンク全体をコピーしたかご確認ください。',
  'notFound.help': 'それでも開けない場合は、人事担当者にお問い合わせください。',
  'closed.title': 'この評価は締め切られました',
  'closed.text': '回答期限を過ぎたため、回答の送信や変更はできません。',
  'closed.help':
    'ご協力ありがとうございました。評価についてご不明な点があれば、人事担当者にお問い合わせください。',
  'error.title': '申し訳ありません。エラーが発生しました',
  'error.retry':
    '数分後にもう一度お試しください。回答を送信していた場合は、前のページに戻ってもう一度送信してください。保存されていない可能性があります。',
  'error.method': 'このページは GET と POST のみ受け付けます。',
  'error.contentType': 'フォームは application/x-www-form-urlencoded 形式で送信する必要があります。',
  'error.tooLarge': 'フォームのサイズが大きすぎるため、受け付けられません。',
  'error.unavailable':
    '現在このページを保存または表示できませんでした。数秒待ってからもう一度お試しください。回答が二重に集計されることはありません。',
  'error.internal': 'システム側でエラーが発生しました。1 分ほど待ってからもう一度お試しください。',
};

export const raterEmail: Section<'raterEmail'> = {
  'rater.subject.invitation.self': '{quarter} 自己評価のお願い',
  'rater.subject.invitation.selfAndOthers': '{quarter} 自己評価と{people}へのフィードバックのお願い',
  'rater.subject.invitation.others': '{people}へのフィードバックのお願い（{quarter} 評価）',
  'rater.subject.reminder.self': '【リマインダー】{quarter} 自己評価の期限は{due}です',
  'rater.subject.reminder.others': '【リマインダー】{quarter} フィードバックの期限は{due}です',
  'rater.people.one': '{first}さん',
  'rater.people.two': '{first}さん、{second}さん',
  'rater.people.three': '{first}さん、{second}さん、{third}さん',
  'rater.people.more': '{first}さん、{second}さんほか {count, plural, other {# 名}}',
  'rater.greeting': '{name} 様',
  'rater.opening.invitation':
    '{count, plural, =1 {{quarter}のコンサルタント・セールスリーダー評価が始まりました。あなたのご意見をお聞かせください。} other {{quarter}のコンサルタント・セールスリーダー評価が始まりました。# 名の方についてご意見をお聞かせください。それぞれに短いフォームがあり、下のリンクから開けます。}}',
  'rater.opening.reminder':
    '{count, plural, =1 {下のフォームへの回答がまだ届いていないため、ご連絡いたしました。} other {これら # 件のフォームへの回答がまだ届いていないため、ご連絡いたしました。}}',
  'rater.relation':
    '{group, select, self {あなたの自己評価} coachee {{leader}さんはあなたのコーチです} peer {{leader}さんはあなたの同僚です} other {あなたは{leader}さんの上司です}}',
  'rater.button': '{group, select, self {自己評価を始める} other {{leader}さんへのフィードバックを送る}}',
  'rater.howTo.self': 'どの端末からでも数分で回答できます。',
  'rater.howTo.others':
    'どのフォームも、どの端末からでも数分で回答できます。評価できない方がいる場合は、その方のリンクを開いてその旨をお知らせください。',
  'rater.until': '{deadline}までにご回答ください。それまでは同じリンクから回答を変更できます。',
  'rater.privacy.self': '自己評価は、周囲からのフィードバックと並んで、ご自身の育成レポートに掲載されます。',
  'rater.privacy.manager':
    'あなたが上司として行う評価は、上司の評価として本人に表示されます。コメントは名前を伏せて表示されます。',
  'rater.privacy.anonymous':
    'コーチーと同僚の回答は匿名です。評価対象者には、{minimum}人以上のグループ単位でまとめて表示され、コメントは名前を伏せて表示されます。',
  'rater.fallback': 'ボタンが機能しない場合は、そのリンクをブラウザに貼り付けてください：',
  'rater.personal': 'これらのリンクはあなた専用です。このメールは転送しないでください。',
};

export const report: Section<'report'> = {
  'report.subject': '{quarter} 育成レポート',
  'report.intro':
    '{name} 様、{quarter}の評価で寄せられたフィードバックをお届けします。評価は 1（まったくそう思わない）から 5（強くそう思う）までの平均値です。コーチーと同僚の回答は、匿名性を保てる人数のグループのみ表示し、コメントは名前を伏せて表示しています。',
  'report.group':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} others {コーチーと同僚（合算）} other {{group}}}（{responses, plural, other {回答 # 件}}）',
  'report.column.competency': 'コンピテンシー',
  'report.column.average': '平均（1～5）',
  'report.comments.keep': '続けてほしいこと',
  'report.comments.change': '改善してほしいこと',
  'report.needs.heading': '育成課題',
  'report.needs.intro': '今四半期、目標を最も大きく下回ったコンピテンシー：',
  'report.needs.none': '今四半期、目標を下回ったコンピテンシーはありません。素晴らしい結果です。',
  'report.needs.item': '{label}（100 点中 {score} 点）',
  'report.training.heading': 'おすすめの研修',
  'report.training.item': '{label}：{titles}',
  'report.gaps.heading': '自己評価と周囲の評価',
  'report.gaps.textHeading': '自己評価と周囲の評価（平均、1～5）',
  'report.gaps.blindSpots': '自己評価が周囲の評価より明らかに高かった項目：',
  'report.gaps.hiddenStrengths': '周囲の評価が自己評価より明らかに高かった項目：',
  'report.gaps.item': '{label}：自己評価 {self}、周囲 {others}',
  'report.results.heading': 'グループ別の結果',
  'report.results.textHeading': 'グループ別の結果（平均、1～5）',
  'report.results.none': '今四半期は、表示できるだけの回答が集まったグループはありませんでした。',
  'report.withheld.heading': '匿名性を守るため表示していない内容',
  'report.closing': 'この結果を上司と話し合い、今後の育成計画に役立ててください。',
  'note.groupWithheld':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：回答 {responses, plural, other {# 件}}は、匿名性を保つために必要な {minimum} 件に満たないため、評価とコメントは表示していません。',
  'note.merged':
    'いずれかのグループの回答が {minimum} 件に満たなかったため、コーチーと同僚をまとめて表示しています。',
  'note.itemsHidden':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：{labels}（{count} 項目）は、評価した人が {minimum} 人未満のため、平均を表示していません。',
  'note.commentsBelowMinimum':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：コメントは {commentMinimum} 人以上のグループの場合にのみ表示するため、今四半期は表示していません。',
  'note.mergedCommentsOneGroup':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：コメントは単独で {commentMinimum} 人以上のグループの場合にのみ表示するため、小さい方のグループのコメントは表示していません。',
  'note.mergedCommentsNone':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：コメントは単独で {commentMinimum} 人以上のグループの場合にのみ表示するため、今四半期は表示していません。',
  'note.differencingMeans':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：{labels}の平均は今四半期は表示していません。グループの顔ぶれがほとんど変わっていないため、過去のレポートと比べると {minimum} 人未満の回答が分かってしまうおそれがあります。',
  'note.differencingComments':
    '{group, select, self {自己評価} manager {上司} coachee {コーチー} peer {同僚} other {コーチーと同僚（合算）}}：コメントは今四半期は表示していません。グループの顔ぶれがほとんど変わっていないため、過去のレポートと比べると誰が何を書いたかが分かってしまうおそれがあります。',
};

export const outcomes: Section<'outcomes'> = {
  'recommendation.ready-now': '即時登用可能',
  'recommendation.ready-next-year': '1 年以内に登用可能',
  'recommendation.develop-in-role': '現職で育成',
  'recommendation.review-coaching-role': 'コーチング役割の見直し',
  'recommendation.insufficient-evidence': '判断材料不足',
  'flag.stand-in-ready': '代行可能',
  'flag.blind-spot': '盲点',
  'flag.retention-risk': '離職リスク',
};

export const managerSummary: Section<'managerSummary'> = {
  'manager.subject': '{quarter} マネジメント準備度サマリー：{team}',
  'manager.intro':
    '{name} 様、{team}のコンサルタント・セールスリーダーについて、{quarter}の評価結果をお届けします。スコアは 0～100 で、すべての評価者グループの回答をまとめたものです。個々の回答が共有されることはありません。',
  'manager.readiness': '準備度',
  'manager.readinessValue': '100 点中 {score} 点',
  'manager.recommendation': '推奨',
  'manager.flags': 'フラグ',
  'manager.flags.none': 'なし',
  'manager.needs': '育成課題',
  'manager.needs.none': '目標を下回る項目なし',
  'manager.noLeaders': '今四半期、このチームで評価されたコンサルタント・セールスリーダーはいません。',
  'manager.footnote':
    '各リーダーには、匿名化したグループ別の結果を含む育成レポートが届きますが、準備度スコアと推奨は含まれません。',
};

export const hrSummary: Section<'hrSummary'> = {
  'hr.subject': 'Ladder {quarter}：評価が完了し、準備度の結果が出ました',
  'hr.heading': '{quarter} 評価：結果',
  'hr.closed':
    '{quarter}の評価期間が終了し、{leaders, plural, other {# 名}}のコンサルタント・セールスリーダーが評価されました。',
  'hr.responses': '回答状況',
  'hr.requests': 'フィードバック依頼',
  'hr.answered': '回答済み',
  'hr.answeredValue': '{answered}（{rate}）',
  'hr.declined': '辞退',
  'hr.expired': '未回答のまま期限切れ',
  'hr.recommendations': '推奨',
  'hr.leaders': 'リーダー一覧',
  'hr.column.leader': '氏名',
  'hr.column.team': 'チーム',
  'hr.column.readiness': '準備度',
  'hr.column.recommendation': '推奨',
  'hr.column.flags': 'フラグ',
  'hr.noLeaders': '評価されたリーダーはいません。',
  'hr.more': 'ほか {count, plural, other {# 名}}。',
  'hr.exportHint': 'すべての結果はエクスポートで確認できます：{command}',
  'hr.preheader': 'フィードバック依頼 {total} 件中 {answered} 件に回答がありました',
  'hr.delivery': 'メール配信',
  'hr.delivery.allReached': '評価者 {raters} 名全員に問題なくメールを送信しました。',
  'hr.delivery.someMissed':
    '評価者 {raters} 名のうち、次の方にはメールが届きませんでした。該当するフィードバック依頼はエクスポートで区別できます（undeliverable、bounced、complained、suppressed）：',
  'hr.delivery.refused': 'SES による送信拒否：{reason}',
  'hr.delivery.bounced': 'メール不達（バウンス）',
  'hr.delivery.complained': '迷惑メールとして報告（苦情）',
  'hr.delivery.suppressed': '未送信（バウンスまたは苦情によりアドレスを停止）',
  'hr.delivery.raters': '{count} 名',
};
