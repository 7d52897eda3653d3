// The starter house list (初始用字表): words commonly misprinted, with the standard form. Written
// for Proofroom from general editorial knowledge (the 《现代汉语词典》 forms, the 2001 《第一批异形词
// 整理表》 choices, well-known misspelt idioms and English words); no published list was copied.
// Only pairs whose wrong form cannot also be read as two right words (份额 in 部份额, 过渡假期 in
// 渡假) are here. Editors keep their own list in the review; this is where it starts.

import type { HousePair } from './types.ts';
import { parseHouseList } from './house-list-format.ts';

const STARTER = `
# 用词
截止目前 → 截至目前 # 表示到某时为止用“截至”
截止发稿时 → 截至发稿时 # 表示到某时为止用“截至”
做出贡献 → 作出贡献 # 抽象事物用“作出”
做出决定 → 作出决定 # 抽象事物用“作出”
做出部署 → 作出部署 # 抽象事物用“作出”
付诸于 → 付诸 # “诸”即“之于”
凯旋而归 → 凯旋 # “旋”已有归来之意
至今为止 → 迄今为止
宏扬 → 弘扬
签定 → 签订
布署 → 部署
按装 → 安装
峻工 → 竣工
装璜 → 装潢
松驰 → 松弛
幅射 → 辐射
编缉 → 编辑
寒喧 → 寒暄
气慨 → 气概
脉博 → 脉搏
急燥 → 急躁
暴燥 → 暴躁
渲泄 → 宣泄
蜇伏 → 蛰伏
贪脏 → 贪赃
竞然 → 竟然
国藉 → 国籍
书藉 → 书籍
膺品 → 赝品
追朔 → 追溯
重迭 → 重叠
防碍 → 妨碍
像征 → 象征
好象 → 好像
甚么 → 什么
修茸 → 修葺
入场卷 → 入场券
优惠卷 → 优惠券
按奈 → 按捺
通辑 → 通缉
震憾 → 震撼
诡密 → 诡秘
技俩 → 伎俩
泊来品 → 舶来品
渡假村 → 度假村
发韧 → 发轫
陷井 → 陷阱
帐户 → 账户
帐号 → 账号
帐目 → 账目
帐单 → 账单
记帐 → 记账
报帐 → 报账
惟一 → 唯一 # 《第一批异形词整理表》
辈份 → 辈分 # 《第一批异形词整理表》
缘份 → 缘分 # 《第一批异形词整理表》
含胡 → 含糊 # 《第一批异形词整理表》
必恭必敬 → 毕恭毕敬 # 《第一批异形词整理表》
百废具兴 → 百废俱兴 # 《第一批异形词整理表》
录象 → 录像
偶象 → 偶像
# 成语
迫不急待 → 迫不及待
再接再励 → 再接再厉
再接再砺 → 再接再厉
一愁莫展 → 一筹莫展
谈笑风声 → 谈笑风生
走头无路 → 走投无路
默守成规 → 墨守成规
金榜提名 → 金榜题名
针贬时弊 → 针砭时弊
病入膏盲 → 病入膏肓
出奇不意 → 出其不意
变本加利 → 变本加厉
穿流不息 → 川流不息
大相径廷 → 大相径庭
世外桃园 → 世外桃源
悬梁刺骨 → 悬梁刺股
一股作气 → 一鼓作气
委屈求全 → 委曲求全
明辩是非 → 明辨是非
既往不究 → 既往不咎
美仑美奂 → 美轮美奂
人才倍出 → 人才辈出
声名雀起 → 声名鹊起
全神灌注 → 全神贯注
甘败下风 → 甘拜下风
不加思索 → 不假思索
重蹈复辙 → 重蹈覆辙
食不裹腹 → 食不果腹
黄梁美梦 → 黄粱美梦
名列前矛 → 名列前茅
迫在眉捷 → 迫在眉睫
趋之若骛 → 趋之若鹜
按步就班 → 按部就班
一如继往 → 一如既往
再所难免 → 在所难免
莫明其妙 → 莫名其妙
直接了当 → 直截了当
一诺千斤 → 一诺千金
众所皆知 → 众所周知
不径而走 → 不胫而走
提纲携领 → 提纲挈领
恰如其份 → 恰如其分
眼花瞭乱 → 眼花缭乱
额首称庆 → 额手称庆
张灯结采 → 张灯结彩
鬼鬼崇崇 → 鬼鬼祟祟
言简意骇 → 言简意赅
矫揉造做 → 矫揉造作
自抱自弃 → 自暴自弃
相辅相承 → 相辅相成
一张一驰 → 一张一弛
迫不得以 → 迫不得已
毛骨耸然 → 毛骨悚然
如法泡制 → 如法炮制
山青水秀 → 山清水秀
蛛丝蚂迹 → 蛛丝马迹
不落巢臼 → 不落窠臼
心心相映 → 心心相印
草管人命 → 草菅人命
惹事生非 → 惹是生非
融汇贯通 → 融会贯通
烂竽充数 → 滥竽充数
貌和神离 → 貌合神离
关怀倍至 → 关怀备至
精兵减政 → 精兵简政
励精图冶 → 励精图治
# English
alot → a lot
definately → definitely
seperate → separate
occured → occurred
occurence → occurrence
recieve → receive
accomodate → accommodate
untill → until
thier → their
goverment → government
enviroment → environment
publically → publicly
arguement → argument
existance → existence
independant → independent
neccessary → necessary
embarass → embarrass
millenium → millennium
tommorow → tomorrow
begining → beginning
beleive → believe
foriegn → foreign
fourty → forty
concensus → consensus
supercede → supersede
wierd → weird
acheive → achieve
calender → calendar
commited → committed
committment → commitment
harrass → harass
liason → liaison
noticable → noticeable
persue → pursue
refered → referred
succesful → successful
truely → truly
`;

let parsed: HousePair[] | null = null;

/** The starter list, parsed once. */
export function starterHouseList(): HousePair[] {
  parsed ??= parseHouseList(STARTER).pairs;
  return parsed;
}

/** The starter list as a house-list file, for the app to seed a review's list or to export. */
export const STARTER_HOUSE_LIST_TEXT = STARTER.trimStart();
