"""Scanned newspaper pages: OCR clean-up (:func:`clean`) and page -> articles (:func:`split_articles`).

Pure Python and :mod:`re`; no model. Everything runs in linear time: nothing
ever backtracks over a line.

Page layout vocabulary used below (see ``examples/sample_page.txt``):

* a *column line* is a line of a narrow newspaper column (10-16 characters),
  broken wherever the column ends, often in the middle of a word;
* a *heading* is a headline or a subhead: a short line (or a block of up to
  three short lines) with no sentence punctuation, standing on its own;
* a *source line* names where an article came from: ``（据《成都日报》）``,
  ``(据新华社)``, ``（本报记者 张三）``; it ends an article;
* an *opener* is the pair of U+FFFD characters (``� �``) that OCR leaves where
  the first paragraph of an article had its indentation or drop cap; a news
  brief opens with ``■`` instead. Some pages keep the indentation of every
  paragraph: an opener right under a finished sentence shows it, and on such
  a page openers start paragraphs, not articles;
* a *byline* is an unbracketed line of reporters' names (``本报记者 赵 雪``)
  between a headline and the body it introduces;
* a *dateline* opens a news story: ``本报讯（记者 唐 颖）``, ``本报3月5日讯``,
  ``新华社北京3月5日电``; it starts an article even where no headline stands above;
* *page furniture* is what belongs to the page, not to an article: the masthead
  block at the top (paper, date, page and section, editors), jump lines
  (``（下转第2版）``), a commentary's rubric (``短 评``, ``【田野访谈】``) and photo
  captions (``▲……``, ``图为……``, ``新华社记者 陈 思 摄``).

Papers set these differently, and OCR loses the type sizes that tell a reader
which line is what. Where a convention varies (whether openers mark articles or
paragraphs, whether a headline stands apart from its text), the page is read
for it: from its openers, and from the headings that are headlines for sure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ._chars import (
    _CLOSERS, _DEBRIS, _ENUMERATOR, _FULL_STOPS, _FULLWIDTH, _SPACE_RUN, _TERMINALS, _finish_paragraph, _fix_spaces,
    _heading_like, _headline_like, _width,
)
from ._validate import ensure_text
from .results import Article

__all__ = ["clean", "split_articles"]


# --------------------------------------------------------------------------- lines

# What an office's name ends with: 社会救助科, 区民政局, 凤栖路街道, 市残联
_OFFICE_SUFFIX = r"(?:科|局|处|厅|部|委员会|委|党委|党支部|办公室|办|政府|街道办事处|街道|社区|中心|工会|总会|妇联|残联|团委|协会|联合会)"
# Traditional forms too (據, 本報記者): Hong Kong and Taiwan pages use them. The second
# alternative is the tag that ends a news brief: the outlet's and the writer's abbreviations,
# two to four characters (``（浙 民）``).
_SOURCE_BODY = (
    r"(?:(?:[据據]|本[报報][记記]者|本[报報]通[讯訊][员員]|本[报報][讯訊]|[记記]者|通[讯訊][员員]|新[华華]社|[来來]源[:：]"
    r"|稿件[来來]源|[转轉]自|作者(?:[单單]位)?[:：]|[\u4e00-\u9fff]{0,12} ?(?:读者|讀者|居民|市民|网友|網友) ?(?=[\u4e00-\u9fff]))"
    r"[^（）()\n]{0,40}?"
    r"|[^（）()\n]{2,30}?供稿"  # (市婚姻登记中心供稿)
    r"|(?:撰稿|供稿|撰文)[:：][^（）()\n]{1,40}?"  # a bulletin's (撰稿：张 蕾  审核：黄志坚), (供稿：平安办)
    # a bulletin's item credited to the department that wrote it: (社会救助科), (区婚姻登记处)
    r"|[\u4e00-\u9fff]{1,14}" + _OFFICE_SUFFIX
    # a brief's initials: two characters, or two and two spaced (浙 民)
    + r"|(?!(?:未完)?待续|续完|(?:全文)?完|未完)(?:[\u4e00-\u9fff]{1,2} [\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{1,3}))"
    # (or its writers' names, two or three: （赵 明 李思雨）)
    r"|[\u4e00-\u9fff]{2,3}(?: [\u4e00-\u9fff]{2,3}){1,2}|[\u4e00-\u9fff] [\u4e00-\u9fff](?: [\u4e00-\u9fff]{2,3}){1,2}"
)
_SOURCE_LINE = re.compile(r"[（(]\s*(" + _SOURCE_BODY + r")\s*[）)]")
_TRAILING_SOURCE = re.compile(
    r"(?<=[。！？!?…”’」』）)])\s*[（(]\s*(" + _SOURCE_BODY + r")\s*[）)]$"
)
# An office's whole name, signing a notice: 江南市民政局
_OFFICE = re.compile(r"[\u4e00-\u9fff（）()]{2,24}" + _OFFICE_SUFFIX)
# A notice ends 特此公告。 and is signed by its issuer, with the date, or with the date on the next line.
_NOTICE_END = re.compile(r"特此(?:公告|通知|公示|通告|告知|声明)[。！!]?$")
_DATE = re.compile(r"\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日")
_SIGNATURE = re.compile(r"([\u4e00-\u9fff（）() ]{2,30}?) ?" + _DATE.pattern)
# A commentary's author, unbracketed, closes it: 作者：顾晓明（江苏省社会科学院研究员）
# the writer credited on a line of its own: 作者：顾晓明（…）, and under a WeChat article 文字：李 静, 记者：马 骁
_AUTHOR_LINE = re.compile(
    r"(?:作者|文字|记者|撰稿|撰文|采写)[:：] ?([\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})(?: ?[（(][^（）()]{1,30}[）)])?")
_OPENER = re.compile(r"\s*\ufffd\s*\ufffd")
_BRIEF_MARKS = "■●◆"  # open a news brief, as the opener opens an article
_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")

# Page furniture, matched against whole lines: the date with its weekday, the page
# number (``第3版 · 基层政权``), the editors' credits (``责任编辑：王晓燕 版式：孙 磊``).
_EDITOR_ROLE = r"(?:本版|美术)?(?:责任编辑|责编|编辑|美编|版式|校对|制图|值班编辑|值班编委|编委|主编|审核|初审|复审|终审|审签|签发)"
_FURNITURE = re.compile(
    # the date, after the paper's name or not (江城日报  2026年6月10日  星期三, 2026.2.26 星期四)
    r"(?:[^\d\s，。、；！？]{2,10} (?:第 ?\d{1,4} ?期 )?)?\d{4} ?(?:年 ?\d{1,2} ?月 ?\d{1,2} ?日|[./]\d{1,2}[./]\d{1,2}) ?"
    r"(?:星期|周)[一二三四五六日天][^，。、；！？]{0,20}"
    # a magazine's folio: page, title, year and issue (12 党建之窗 2025年第7期)
    r"|(?:\d{1,3} )?[^\d\s，。、；！？]{2,10} \d{4} ?年 ?第 ?\d{1,3} ?期(?: \d{1,3})?"
    r"|第 ?[A-Z]?\d{1,3} ?版(?: ?[·・|｜/／ :：] ?[^，。、；！？]{1,12})?"
    # a folio: paper, date and page on one line (岭南社会工作导报2025年9月12日 第3版 儿童·助残)
    r"|[^，。、；！？\d]{0,12}\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日[^，。、；！？]{0,12}第 ?\d{1,3} ?版[^，。、；！？]{0,12}"
    # the paper's or the page's name in pinyin capitals, after the Chinese name or alone (基层党建 | JICENG DANGJIAN)
    r"|(?:[^\d\s，。、；！？]{2,12} ?[|｜/／] ?)?[A-Z]{2,}(?: {1,3}[A-Z]{2,}){1,5}"
    r"|" + _EDITOR_ROLE + r"[:：][^，。；！？]{0,40}"
    r"|(?:图片|摄影|图)[:：] ?[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}"  # 图片：王 晨, under a WeChat article
    r"|[=＝\-－—─━_＿*＊~～·•]{5,}"  # a rule between the masthead or a box and the text
    r"|[┌└╭╰┏┗][─━]{3,}[┐┘╮╯┓┛]"  # a box's top or bottom
    # the page's contacts (本版邮箱：… 新闻热线：96111), not an article's 咨询电话：
    r"|(?:本版|新闻|报料|投稿|读者)(?:邮箱|热线|电话|信箱|传真|微信)[:：] ?[\w@.\-]{3,40}"
    r"(?: ?[\u4e00-\u9fff]{0,4}(?:邮箱|热线|电话|信箱|传真|微信|公众号)[:：] ?[\w@.\-]{3,40})*"
    # a magazine's running head: page, title and issue (24 ｜社区与社会工作  2024.03), either way round
    r"|\d{1,3} ?[|｜] ?[^，。、；！？\d]{2,12} ?\d{4}[.．]\d{1,2}|\d{4}[.．]\d{1,2} ?[|｜]? ?[^，。、；！？\d]{2,12} ?[|｜] ?\d{1,3}"
    r"|[\u4e00-\u9fff]{2,6} ?[A-Z]{4,}(?: [A-Z]{2,})*"  # a bilingual rubric: 专访 INTERVIEW
    # a folio of paper, page and date without the weekday (公益导报　07　2024年6月11日)
    r"|[^，。、；！？\d]{2,12} [A-Z]?\d{1,3} " + _DATE.pattern
    + r"|" + _DATE.pattern + r" [A-Z]?\d{1,3} [^，。、；！？\d]{2,12}"
    # a bulletin's folio (— 2 —), its issue (2024年第8期（总第96期）) and who compiled it when
    r"|[—－-]{1,2} ?\d{1,3} ?[—－-]{1,2}"
    r"|\d{4} ?年 ?第 ?\d{1,3} ?期(?: ?[（(]总第 ?\d{1,5} ?期[）)])?"
    r"|[^，。、；！？\d]{2,20}编印? ?" + _DATE.pattern
    # its distribution (报：… 送：… 发：…) and print run ((共印40份))
    + r"|(?:抄?报|抄?送|分送|发)[:：][^。！？]{1,60}|[（(]?共印 ?\d{1,5} ?份[）)]?"
    # editors' names after their roles, without a colon (责编 / 孔 雯  美编 / 肖 然)
    r"|(?:" + _EDITOR_ROLE + r"(?: ?[/／] ?| )[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3} ?)+"
)
# Pages copied from a website or an e-paper: navigation, buttons, sharing, copyright, the page's
# table of contents (■社区食堂“小切口”……2版), and a story's metadata without its author.
_WEB_BUTTONS = r"打印|关闭|字体|字号|收藏|返回|推荐|纠错|复制链接"
# A website's lists under its stories: related links, readers' comments, most read (to the next blank line)
# (not 相关链接 or 相关阅读: in print, those head a sidebar of the article's own)
_LINK_LIST = re.compile(r"相关(?:新闻|报道|文章|推荐)|推荐(?:新闻|阅读|文章)|(?:全部|热门|精彩)?评论 ?[（(]\d+[）)]|热[点门](?:排行|新闻|推荐|文章)|网友评论(?: ?[（(]\d+[）)])?|猜你喜欢")
_WEB_FURNITURE = re.compile(
    r"[^>＞»›\n]{1,20}(?: ?[>＞»›] ?[^>＞»›\n]{1,40}){2,}"  # a breadcrumb: 首页 > 期刊在线 > 治理前沿
    r"|(?:【[^【】]{0,12}(?:" + _WEB_BUTTONS + r")[^【】]{0,12}】 ?)+"  # 【打印本页】 【关闭窗口】, 【字体：大 中 小】
    r"|(?:(?:字[号体][:：]? ?大 ?中 ?小|打印本页|打印|关闭窗口|关闭本页|关闭|收藏本页|返回顶部|放大|缩小|默认|复制链接) ?)+"
    r"|(?:本版|版面|标题)导航[:：].{0,120}"
    r"|[^|｜\n]{1,10}(?: ?[|｜] ?[^|｜\n]{1,10}){3,}"  # a navigation bar: 首页 | 要闻 | 政务 | 民生
    r"|[^，。！？]{0,20}(?:登录|注册)[^，。！？]{0,30}搜索"
    r"|[·•] ?[^。！？]{4,60}? ?\d{4}-\d{1,2}-\d{1,2}"  # a list of the site's stories: · 标题  2024-05-28
    r"|(?:共 ?\d+ ?条 ?)?(?:首页 ?)?上一页.{0,40}下一页(?: ?尾页)?.{0,20}"  # its pages
    r"|首页(?: [^ ，。]{2,6}){3,}"  # its sections: 首页 政务公开 政务服务 互动交流
    r"|\[图片\].{0,40}"
    # a news app's: buttons, the original title, the platform's disclaimer, counters, comments
    r"|字号|举报(?:/反馈)?|\+ ?关注|已关注|展开全文|原标题[:：].{1,60}|本文为.{0,60}(?:观点|立场).{0,80}"
    r"|最热 ?[|｜] ?最新|回复(?: ?赞 ?\d*)?|查看全部 ?\d* ?条评论.{0,4}|赞 ?\d+ ?[·・] ?评论 ?\d+(?: ?[·・] ?分享 ?\d+)?"
    # a government site's footer
    r"|(?:(?:主办|承办|协办|技术支持)单位[:：] ?\S{2,30} ?)+|网站标识码.{0,80}|.{0,40}建议使用.{0,40}浏览.{0,20}"
    r"|扫一扫在手机(?:上)?(?:打开|阅读|查看).{0,10}|(?:相关|友情)链接[:：].{0,80}"
    r"|【(?:责任编辑|编辑|责编)[:：][^【】]{1,20}】"
    r"|.{0,30}ICP备.{0,60}|.{0,30}公网安备.{0,40}"
    r"|" + _LINK_LIST.pattern
    + r"|(?:分享到?|转发到?)[:：].{0,40}"
    r"|(?:上一篇|下一篇|上一条|下一条)[:：].{0,60}|(?:上一篇|下一篇)(?: (?:上一篇|下一篇))?"
    r"|.{0,40}版权所有.{0,80}"
    r"|[^，。；！？\d]{2,12}(?:数字报|电子报|电子版|数字版)"
    # a magazine's issue and pages (《社区治理》2024年第10期（5月下半月刊）  第22—24页)
    r"|[^，。；！？]{0,20}\d{4} ?年 ?第 ?\d{1,3} ?期[^，。；！？]{0,20}第 ?\d{1,4}(?: ?[—–-] ?\d{1,4})? ?页"
    r"|(?:(?:上一版|下一版|上一期|下一期|PDF版|PDF下载|版面导航|标题导航|返回目录) ?)+"
    r"|(?:今日|本期|本版|本刊)?(?:导读|要目)|目录"
    r"|[^，。；！？]{2,40}?(?:…|\.){2,6} ?(?:第 ?)?[A-Z]?\d{1,3} ?版"
    r"|(?:(?:发布时间|发布日期|更新时间|浏览次数|浏览量|阅读量|阅读数|点击数|点击量)[:：] ?[^：:]{0,24}? ?)+"
)
# A WeChat article's interface, copied with its text: prompts, counters, placeholders, the
# account line (原创 宁川民政 2024-06-01 18:05 发表于甘肃) and a repost's card
_WECHAT_FURNITURE = re.compile(
    r"(?:点击|点|戳)(?:上方)?蓝字(?:关注我们?)?|关注我们|图片|阅读原文|阅读 ?[\d.]+万?|写留言|留言|"
    r"(?:继续|向上)滑动看下一个|轻触阅读原文|长按(?:识别)?二维码(?:关注我们)?|识别(?:二维码)?关注我们|扫码关注|"
    r"微信号[:：] ?\S{2,40}|预览时标签不可点|微信扫一扫(?:可打开此内容，?使用完整服务)?|关注该公众号|知道了|使用小程序|"
    r"取消 ?允许|(?:(?:分享|收藏|在看|点赞|赞) ?[\d.]*万? ?)+|收录于(?:合集|话题) ?.{0,30}|#\S{1,20} ?合集.{0,20}|"
    r"(?:原创 )?(?:\S{1,16} ){0,2}\S{1,16} \d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2})?(?: 发表于\S{1,8})?|"
    r"以下文章来源于.{1,40}|转载自[:：].{1,30}"
)
_WECHAT_CUE = re.compile(r"蓝字|关注|^图片$|阅读|留言|滑动|二维码|微信|标签|知道了|小程序|允许|分享|收藏|在看|点赞|合集|发表于|"
                         r"\d{4}-\d{1,2}-\d{1,2}|文章来源于|转载自")
# Cheap cues first: these are tried on every line. Every alternative of _WEB_FURNITURE must
# have its cue here, or it never matches: the words such lines start or end with, or hold anywhere.
_WEB_STARTS = (
    "分享", "转发", "上一", "下一", "发布", "更新", "浏览", "阅读", "点击", "PDF", "返回", "字", "打印", "关闭", "收藏", "放大",
    "缩小", "复制", "相关", "推荐", "热", "网友", "猜你", "本版导航", "版面导航", "标题导航", "·", "•", "共", "首页", "[图片",
    "举报", "原标题", "本文为", "最热", "回复", "查看全部", "赞",
)
_WEB_ENDS = ("搜索", "关注", "版", "导读", "要目", "目录", "数字报", "电子报", "电子版", "数字版", "页")
_WEB_CUE = re.compile(r"[>＞»›【|｜]|版权所有|ICP|公网安备|上一页|展开全文|评论|单位[:：]|网站标识码|建议使用|扫一扫|链接[:：]")
_IMPRINT_CUE = re.compile(r"零售价|邮发代号|广告经营许可|连续出版物号|印刷单位|社址|邮编")
_EDITOR_CUE = re.compile(r"编辑|责编|美编|版式|校对|制图|主编|审|签发")


def _is_web_furniture(text: str) -> bool:
    if len(text) > 130:  # (none of these lines is longer: a paragraph of text is not even searched)
        return False
    if (text.startswith(_WEB_STARTS) or text.endswith(_WEB_ENDS) or _WEB_CUE.search(text)) \
            and _WEB_FURNITURE.fullmatch(text):
        return True
    return len(text) <= 60 and _WECHAT_CUE.search(text) is not None and _WECHAT_FURNITURE.fullmatch(text) is not None


def _is_imprint(text: str) -> bool:
    return _IMPRINT_CUE.search(text) is not None and _IMPRINT.fullmatch(text) is not None


# A story's metadata line on a website: its author, with the date and counts (作者：本报记者 方晓  发布时间：…)
_META_FIELDS = re.compile(
    r" ?(?:发布时间|发布日期|更新时间|时间|日期|浏览次数|浏览量|阅读量|阅读数|点击数|点击量|来源|编辑|责任编辑)[:：].*$"
)
_META_AUTHOR = re.compile(r"作者[:：] ?[^：:]{2,40}?" + _META_FIELDS.pattern)
# ... or led by the story's date and time: 2024-09-05 08:42:16  来源：汉阳日报  作者：记者 刘 畅
# (a government site's: 发布时间：2024-05-21 16:02  来源：区民政局  浏览次数：1386  【字号：大 中 小】)
_META_DATED = re.compile(
    r"(?:(?:发布|更新)?(?:时间|日期)[:：] ?)?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日? ?(?:\d{1,2}:\d{2}(?::\d{2})?)? ?"
    r"(?:(?:[来來]源|作者|编辑|责任编辑|浏览次数|点击数|阅读量)[:：] ?[^：:【】]{1,30}? ?)+"
    r"(?:【字[号体][:：]? ?大 ?中 ?小】)?"
)
_META_FIELD = re.compile(
    r"(作者|[来來]源)[:：] ?([^：:【】]+?) ?(?=(?:编辑|责任编辑|浏览次数|点击数|阅读量|作者|[来來]源)[:：]|【|$)")
# A source named without brackets, on its own line (来源：临江日报)
_PLAIN_SOURCE = re.compile(r"(?:稿件)?[来來]源[:：] ?[^，。；！？：:]{2,40}")
# In the masthead only: a section name with the page number (``社会·民生  5``, ``A07  民生·服务``, ``A05``),
# or the date alone (``2025.5.16``).
_SECTION_PAGE = re.compile(
    r"[^\d，。、；！？]{2,12} [A-Z]?\d{1,3}|[A-Z]?\d{1,3}(?: [^\d，。、；！？]{2,12})?"
    r"|\d{4} ?[./年-] ?\d{1,2} ?[./月-] ?\d{1,2} ?日?"
)
# A dateline opens a news story: 本报讯, 本报3月5日讯, 新华社北京3月5日电 (reporters may follow in brackets).
_DATELINE = re.compile(
    r"本[报報](?:[\d一二三四五六七八九十]{1,2} ?月)?(?:[\d一二三四五六七八九十]{1,3} ?日)?[讯訊]"
    r"|(?:新[华華]社|中新社|中新[网網])[\u4e00-\u9fff]{0,8}[\d一二三四五六七八九十]{1,2} ?月 ?[\d一二三四五六七八九十]{1,3} ?日 ?[电電]"
    # a brief's place, set apart, and its date (清河 5月20日，…; 南屏县 近日，…)
    r"|[\u4e00-\u9fff]{1,5}[^\W\d年月日天时来后前内间初底末中] (?:\d{1,2}月\d{1,2}日|近日|日前|昨日|昨天)(?=[，,])"
)


def _opens_with_dateline(text: str) -> bool:
    """Does *text* open with a dateline, OCR's spaces aside (本报 10月8日讯 …)?"""
    return _DATELINE.match(text.replace(" ", "")) is not None


# A jump line: the article came from, or goes on to, another page (``（下转第2版）``).
_JUMP = re.compile(r"[（(]? ?(?:上接|下转|紧接|接|转) ?第? ?[A-Za-z]?[\d一二三四五六七八九十]{1,3} ?版 ?[）)]?")
# ... or at the start of the text it takes up: (上接第1版)各级工会要…
_LEADING_JUMP = re.compile(r"[（(] ?(?:上接|接) ?第? ?[A-Za-z]?[\d一二三四五六七八九十]{1,3} ?版 ?[）)]\s*")
# ... also set at the end of the paragraph it breaks off: 群众少跑腿。（下转第2版）
_TRAILING_JUMP = re.compile(r"(?<=[。！？!?”’」』…])\s*[（(] ?(?:下转|转) ?第? ?[A-Za-z]?[\d一二三四五六七八九十]{1,3} ?版 ?[）)]\s*$")
# Names in bylines and photo credits: two to four characters, which OCR often spaces out (李 静).
_NAMES = r"[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}(?:[ 、][\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})*"
_ROLE = (
    r"(?:(?:本[报報刊]|新[华華]社|中新社|特[约約]|见习|見習|首席|融媒体?|全媒体?|[晚日][报報]|社区|街道)?"
    r"(?:[记記]者|通[讯訊][员員]|[实實][习習]生)|[读讀]者|居民|市民)"  # (a letter is signed 读者 何秀英)
)
# A byline: roles and names, nothing else (``本报记者 李 静  通讯员 王 军``).
_BARE_NAME = re.compile(r"[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}")
_AUTHOR_MARK = "□◎○"  # set before a commentary's author (□ 陈 立)
_AUTHOR_LEAD = "(?:[" + _AUTHOR_MARK + "]|撰?文 ?[/／｜|](?: ?图)?)"  # □ 陈 立, 文／图 张 斌 (words and photos), 撰文｜
_AUTHOR_PREFIX = re.compile("^" + _AUTHOR_LEAD + " ?")
_PHOTO_CREDIT = r" ?图 ?[/／｜|:：] ?" + _NAMES  # after the writer: 文｜马 骁  图｜王 晨
_TRAILING_PHOTO_CREDIT = re.compile(_PHOTO_CREDIT + "$")
# 晚报记者 孙 悦 文/摄: the reporter wrote and took the photos; 记者 章 明 报道
_CREDIT_WORDS = r"(?:文 ?[/／] ?(?:图|摄)|报道|整理)"
_CREDIT_SUFFIX = re.compile(r" ?" + _CREDIT_WORDS + "$")
_BYLINE = re.compile(
    r"(?:[" + _AUTHOR_MARK + r"] ?)?本[报報刊](?:特约)?评论员|(?:[" + _AUTHOR_MARK + r"] ?)?(?:" + _ROLE + " ?" + _NAMES + " ?)+" + _CREDIT_WORDS + "?|" + _AUTHOR_LEAD + " ?" + _NAMES + "(?:" + _PHOTO_CREDIT + ")?"
    + r"(?: ?[（(][^（）()]{2,30}[）)])?"  # 文/社工 杨 柳（某市春晖社会工作服务中心）: the author's workplace
)
# A commentary's rubric above its headline (短评, 评论, 江城观察): it belongs to the page.
_RUBRIC = re.compile(
    r"[\u4e00-\u9fff]{0,4}(?:观察|时评|短评|快评|锐评|热评|微评|评论|言论|杂谈|随笔|走笔|视点|漫谈|手记|札记|访谈|来信)"
    r"|社论|评论员文章|【[^【】]{2,10}】"
)
# A sidebar's label: the box beside an article is an item of its own (【链接】, 数说, 小贴士)
_SIDEBAR = re.compile(
    r"[【\[]?(?:(?:相关|新闻|知识|背景|政策)?链接|延伸阅读|相关阅读|数说|数读|小贴士|温馨提示|名词解释|背景资料)[】\]]?"
)
# A photo caption opens with a triangle or 图为; the photographer's credit ends in 摄. Without a
# role, the names stand apart from 摄, which a line of running text (正在拍摄) would not do.
_TRIANGLES = "▲△▼▽"
_CAPTION = re.compile(r"[▲△▼▽]|图为|[上下左右]图[为:：]|图[:：]")
_CREDIT = re.compile(r"(?:(?:" + _ROLE + "|摄影(?:记者)?) ?" + _NAMES + " ?|" + _NAMES + " )摄影?")
_SHORT = 30  # bylines and credits are short; longer lines are not even tried


@dataclass
class _Line:
    text: str  # debris dropped, full-width mapped, whitespace collapsed, stripped
    start: int  # raw offsets of the stripped line in the original text
    end: int
    opener: bool = False  # U+FFFD indentation, or a brief's mark
    blank_before: bool = False
    brief: bool = False  # opened by a brief's mark (■)
    headline: bool = False  # a headline for sure: under a commentary's rubric
    marked: bool = False  # a heading set with a brief's mark (■ 红白理事会管起来)
    runin: bool = False  # a brief's title run into its text: ●我市调整高龄津贴标准　自7月1日起，…
    bullet: bool = False  # an item of a list, set with a brief's mark (■ 助浴：…；)
    gap: int = 0  # blank lines before it
    kind: str = "body"  # body | heading | source | byline | caption | furniture
    # derived once, used many times
    width: float = 0.0
    ends: bool = False  # ends a sentence
    head: bool = False  # heading-like content
    source: bool = False  # a whole source line
    running: bool = False  # text for sure, never a heading: a dateline's line, the line a jump leads into, 编辑同志：

    def __post_init__(self) -> None:
        # the opener stands where two characters of indentation were
        self.width = _width(self.text) + (2.0 if self.opener else 0.0)
        self.ends = _ends_sentence(self.text) or bool(_TRAILING_SOURCE.search(self.text))
        self.head = _heading_like(self.text)
        self.source = self.text[:1] in "（(作来來稿文记撰采【" and _source_of_line(self.text) is not None

    def open_brief(self) -> None:
        """A triangle that opens a brief (▲日前，…), not a caption: a brief's mark, like ■."""
        self.text = self.text.lstrip(_TRIANGLES + " ")
        self.brief = self.opener = True
        self.__post_init__()

    def drop_mark(self) -> None:
        """A brief's mark that opens no brief (a heading's or a bullet's): the line is no opener."""
        self.brief = self.opener = False
        self.width -= 2.0


def _ends_sentence(s: str) -> bool:
    """Does *s* end with sentence-final punctuation, possibly inside closing quotes?"""
    s = s.rstrip(" " + _CLOSERS)
    return bool(s) and s[-1] in _TERMINALS + "．."


# Whole-text, length-preserving normalisation, so that line offsets stay raw offsets.
_DEBRIS_OR_SPACE = re.compile(_DEBRIS.pattern[:-1] + r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _mark(m: re.Match[str]) -> str:
    return " " if m.group().isspace() else "\x00"


def _indented(indent: str) -> bool:
    """Is this a paragraph's indentation, two ideographic spaces (　　) as typeset? Wider is alignment."""
    return 2 <= indent.count("\u3000") <= 4 and not indent.strip(" \u3000")


def _scan_lines(text: str, *, run_in: bool = False) -> list[_Line]:
    """The page's lines; with *run_in*, a brief's title run into its text is a line of its own.

    (clean() keeps such a title in its line: set apart, its second pass would
    take it for the start of a paragraph.)
    """
    norm = _DEBRIS_OR_SPACE.sub(_mark, text.translate(_FULLWIDTH))
    lines: list[_Line] = []
    blank = False
    prev_end = 0
    for m in _LINE.finditer(text):
        # two newlines in the gap (or a whitespace-only line) make a blank line
        if prev_end and m.start() - prev_end >= 2 and text[prev_end : m.start()] != "\r\n":
            blank = True
        prev_end = m.end()
        line = norm[m.start() : m.end()]
        if "\x00" in line:
            line = line.replace("\x00", "")
        if "  " in line:
            line = _SPACE_RUN.sub(" ", line)
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        raw = m.group()
        jump = _TRAILING_JUMP.search(stripped) if stripped[-1] in "）)" and "版" in stripped[-4:] else None
        if jump and jump.start():
            # the jump is page furniture: the line ends where the sentence does
            raw_jump = _TRAILING_JUMP.search(raw.rstrip())
            if raw_jump:
                stripped, raw = stripped[: jump.start()].rstrip(), raw[: raw_jump.start()]
        m_start = m.start()
        lead = _LEADING_JUMP.match(stripped) if stripped[:1] in "（(" else None
        raw_lead = _LEADING_JUMP.match(raw.lstrip()) if lead and lead.end() < len(stripped) else None
        if raw_lead:
            # (上接第1版)各级工会要…: the jump is page furniture, the text starts after it
            cut = len(raw) - len(raw.lstrip()) + raw_lead.end()
            stripped, raw, m_start = stripped[lead.end() :], raw[cut:], m_start + cut
        lstrip = len(raw) - len(raw.lstrip())
        rstrip = len(raw) - len(raw.rstrip())
        # the mark is layout, like the opener: not part of the text. All of a run
        # goes (OCR may double it): a mark left in clean()'s output would be taken
        # for a brief's mark and dropped by a second pass.
        text_after_mark = stripped.lstrip(_BRIEF_MARKS + " ")
        brief = stripped[0] in _BRIEF_MARKS and bool(text_after_mark)
        if brief:
            stripped = text_after_mark
        ln = _Line(
            stripped,
            m_start + lstrip,
            m_start + len(raw) - rstrip,
            opener=(raw.lstrip()[:1] == "\ufffd" and bool(_OPENER.match(raw))) or brief or _indented(raw[:lstrip]),
            blank_before=blank,
            brief=brief,
        )
        ln.running = raw_lead is not None or (stripped[:1] in "本新中" and _opens_with_dateline(stripped)) \
            or (stripped[-1:] in "：:" and bool(_SALUTATION.fullmatch(stripped)))
        if run_in:
            parts = _run_in_title(ln, raw, m_start, lines[-1] if lines else None)
            lines.extend(parts if len(parts) > 1 else _headline_and_byline(ln, raw, m_start, lines[-1] if lines else None))
        else:
            lines.append(ln)
        blank = False
    for prev, ln in zip(lines, lines[1:]):
        if ln.blank_before:
            between = text[prev.end : ln.start]
            ln.gap = max(1, between.count("\n") + between.count("\r") - between.count("\r\n") - 1)
        if not ln.ends and ln.text[-1:] in "）)" and _TRAILING_SOURCE.search(prev.text + ln.text):
            ln.ends = True  # a source closing the text, broken over two lines: …服务。（来源：新 / 华网）
    _unmark_subheads(lines)
    return lines


# A run-in title: no sentence or clause punctuation, then ideographic space and the text
_TITLE_STOP = re.compile(r"[，。；！？、：,.;!?]")
_RUN_IN = re.compile(r"[^" + _TITLE_STOP.pattern[1:-1] + r":\u3000]{2,30}?(?<! )\u3000+(?=\S)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TEXT_START = re.compile(r"[\u4e00-\u9fff“‘「『]")


_TRAILING_BYLINE = re.compile(r"(?<=[^\s：:，,]) ((?:" + _ROLE + " ?" + _NAMES + " ?)+)$")
_ROLE_START = re.compile(_ROLE)


def _headline_and_byline(ln: _Line, raw: str, offset: int, prev: _Line | None) -> list[_Line]:
    """A headline with its byline on the same line, at the start of a block
    (家门口的“养老管家”来了 记者 黄一鸣 通讯员 宋佳): the headline's line and the byline's."""
    if ln.ends or ln.width > 60 or not (prev is None or prev.ends or prev.head or ln.blank_before) or (
            "者" not in ln.text and "员" not in ln.text and "生" not in ln.text):
        return [ln]
    m = _TRAILING_BYLINE.search(ln.text)
    if m is None:
        return [ln]
    head, byline = ln.text[: m.start()].rstrip(), m.group(1).strip()
    if len(_HAN.findall(head)) < 4 or not _heading_like(head) or not _balanced(head) or _opens_with_dateline(head) \
            or head[:1].isdigit() or "作者" in head or "源" in head:  # (a website's metadata line)
        return [ln]
    role = _ROLE_START.match(byline).group()  # type: ignore[union-attr]
    han = _HAN.findall(byline)
    pos = raw.rfind(role)
    while pos > 0 and _HAN.findall(raw[pos:]) != han:
        pos = raw.rfind(role, 0, pos)
    if pos <= 0:
        return [ln]
    head_line = _Line(head, ln.start, offset + len(raw[:pos].rstrip()), opener=ln.opener, blank_before=ln.blank_before)
    byline_line = _Line(byline, offset + pos, ln.end, kind="byline")
    return [head_line, byline_line]


def _run_in_title(ln: _Line, raw: str, offset: int, prev: _Line | None) -> list[_Line]:
    """A brief's title set at the start of its paragraph, an ideographic space before the text
    (●我市调整高龄津贴标准　自7月1日起，…; the title may wrap from the line above): the
    title's line and the text's, which opens the brief's paragraph."""
    wrapped = prev is not None and prev.opener and not prev.brief and not prev.ends and not prev.blank_before \
        and not ln.opener and not _TITLE_STOP.search(prev.text)
    if not (ln.opener or wrapped):
        return [ln]
    body = raw.lstrip(" \t\u3000\ufffd" + _BRIEF_MARKS)
    m = _RUN_IN.match(body)
    if not m or (wrapped and prev.width + _width(m.group()) > 40):
        return [ln]
    cut = len(raw) - len(body) + m.end()  # where the text starts, in raw
    head = m.group().rstrip("\u3000")
    head_end = offset + len(raw) - len(body) + len(head)
    title_text = _SPACE_RUN.sub(" ", _DEBRIS_OR_SPACE.sub(_mark, head.translate(_FULLWIDTH)).replace("\x00", "")).strip()
    rest = ln.text[len(title_text) :].strip()
    # (a data box's line, 1986年　小区建成 or 物业费收缴率　98%, is no title over text)
    if not (title_text and rest and ln.text.startswith(title_text) and _heading_like(title_text)
            and len(_HAN.findall(title_text)) >= 4 and not title_text[0].isdigit() and _TEXT_START.match(rest)):
        return [ln]
    # nor is a byline or a dateline that OCR spaced with ideographic spaces: ■本报记者　刘思远,
    # 本报讯（记者　吴婷　通讯员
    if _BYLINE.fullmatch(f"{title_text} {rest}") or _DATELINE.match(title_text) or (
            title_text.count("（") + title_text.count("(") > title_text.count("）") + title_text.count(")")):
        return [ln]
    title = _Line(title_text, ln.start, head_end, opener=ln.opener, blank_before=ln.blank_before, brief=ln.brief)
    text = _Line(rest, offset + cut, ln.end, opener=True)
    if title.opener:
        title.drop_mark()
    title.marked = title.runin = title.blank_before = True  # (a column's name right above stays apart)
    if wrapped:
        title.blank_before = False
        prev.opener = False
        prev.marked = prev.runin = prev.blank_before = True
    return [title, text]


def _is_marked_subhead(lines: list[_Line], i: int, width: float) -> bool:
    """A short ■ line over a paragraph's full first line: a subhead (■需求从一线来 / 在青岛港…), not a brief."""
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return (
        _heading_like(ln.text)
        and ln.width - 2.0 <= width - 5  # a brief's first line is cut by the column only
        and nxt is not None
        and nxt.kind == "body"
        and not nxt.blank_before
        and not nxt.opener
        and nxt.width >= width - 1
        and not nxt.ends
    )


def _unmark_subheads(lines: list[_Line]) -> None:
    """A ■ line is no brief where it heads something or is an item of a list.

    A short unpunctuated ■ line (or two, the heading wrapped) right above an
    indented paragraph is a heading (■ 红白理事会管起来, ■ 县民政局开展养老机构 /
    安全检查); before a blank line, a column's name (● 儿童福利动态). After a
    line that ends in a colon, ■ lines are the items of a list (■ 助浴：…；).
    """
    if not any(ln.brief for ln in lines):
        return
    listing = False
    for k, ln in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if not ln.brief:
            listing = listing and not ln.blank_before and not ln.opener and not ln.ends
            listing = listing or ln.text.endswith(("：", ":"))
            continue
        if listing or (k and lines[k - 1].text.endswith(("：", ":")) and not ln.blank_before):
            ln.drop_mark()  # an item of a list: the mark is its bullet
            ln.bullet, listing = True, True
            continue
        # (the text under a heading is indented, or opens with its dateline: 本报讯 3月10日，…)
        wrapped = (
            nxt is not None and not nxt.blank_before and not nxt.opener and _heading_like(nxt.text)
            and k + 2 < len(lines) and (lines[k + 2].opener or lines[k + 2].running) and not lines[k + 2].brief
            and not lines[k + 2].blank_before
        )
        # (a column's name may carry a mark too: ■ 社区快讯 over ●-titled briefs)
        labels = nxt is not None and nxt.brief and not nxt.blank_before and _heading_like(nxt.text) \
            and k + 2 < len(lines) and lines[k + 2].opener and not lines[k + 2].brief
        # (over an indented paragraph a short heading may hold a comma: ■物业“进门”，服务“进心”)
        over_paragraph = nxt is not None and (nxt.opener or nxt.running) and not nxt.brief
        if (_heading_like(ln.text) or (over_paragraph and ln.width <= 24 and _headline_like(ln.text))) and (
            nxt is None or nxt.blank_before or over_paragraph or wrapped or labels
        ):
            ln.drop_mark()
            ln.marked = ln.blank_before = True  # (a column's name right above it stays a heading apart)
            if wrapped:
                nxt.marked = True


def _column_width(lines: list[_Line]) -> float:
    """Typical width of a column line: the upper quartile of lines that break mid-sentence.

    Most running lines are full; the shorter ones are first lines (indented) and
    subheads, the wider ones headlines, which are few.
    """
    running = sorted(ln.width for ln in lines if not ln.ends)
    if len(running) < 2:
        running = sorted(ln.width for ln in lines)
    return running[(3 * len(running)) // 4] if running else 0.0


def _is_column_text(lines: list[_Line]) -> bool:
    """Is this text set in narrow columns (lines broken mid-sentence), or already one paragraph a line?

    Column text: at least half of the lines break mid-sentence, and most of
    those have about the same width, 6 to 40 characters. Text that is one
    paragraph a line (clean() output included, which keeps clean() idempotent)
    has few such lines, and they differ in width.
    """
    if len(lines) < 3:
        return False
    broken = [
        a
        for a, b in zip(lines, lines[1:])
        if not (a.ends or a.source or b.source or a.text.endswith(("：", ":")))
    ]
    if len(broken) < 2 or len(broken) < 0.5 * (len(lines) - 1):
        return False
    # a list of headlines breaks no sentence: column lines mostly carry commas
    if sum(not a.head for a in broken) < len(broken) / 3:
        return False
    # widths of the text alone, without the opener's indentation: clean() drops
    # the opener, and its output must be judged as its input was
    widths = sorted(a.width - 2.0 * a.opener for a in broken)
    p = widths[(3 * len(widths)) // 4]
    if not 6 <= p <= 40:  # (up to a page's width: text taken from a PDF of a bulletin)
        return False
    return sum(0.7 * p <= w <= 1.15 * p for w in widths) >= 0.5 * len(widths)


def _starts_block(lines: list[_Line], i: int) -> bool:
    """Whether line *i* begins a block: first, or after a finished sentence, a source line or a non-body line.

    A blank line after an unfinished sentence is a column break: the line after
    it goes on with the sentence, however short (``…发展治理的`` / blank /
    ``水平``). After a colon it may begin a block (``全文如下：`` / blank / a
    headline). Were a heading or a caption taken to begin after a column break,
    clean() would print it right under the unfinished line, and a second pass,
    which sees no blank line there, would join the two.
    """
    prev = lines[i - 1] if i else None
    # a whole source line (``（本报记者 韩 冬）``) closes its article like a full stop
    if prev is None or prev.ends or prev.source or prev.kind != "body":
        return True
    # after a colon, or two blank lines after a closing quote or a number: 帮我” / (2 blank lines) / 民政快讯
    return lines[i].blank_before and (
        prev.text.endswith(("：", ":")) or (lines[i].gap >= 2 and _ends_unpunctuated(prev.text))
    )


# The editors' credits at the end of a folio line (第3版 职工·维权  编辑 赵海燕  校对 孙蕾)
_TRAILING_EDITORS = re.compile(
    r"(?: ?" + _EDITOR_ROLE + r"(?: ?[:：/／] ?| )[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})+$"
)
# The paper's imprint in its footer: address, postcode, price, licences
_IMPRINT = re.compile(r".{0,80}(?:零售价|邮发代号|广告经营许可|连续出版物号|印刷单位|社址[:：]|地址[:：].{0,40}邮编).{0,80}")


_TRAILING_EMAIL = re.compile(r"\s*(?:E-?mail|邮箱|电子邮箱)[:：]\s*\S+@\S+$", re.I)


def _is_furniture(text: str) -> bool:
    """Is this line page furniture: a folio, a date line, editors' credits, or several of them on one line?"""
    if _FURNITURE.fullmatch(text):
        return True
    if "@" in text:
        text = _TRAILING_EMAIL.sub("", text)  # (本版编辑/吴 昊  美编/张 玲  E-mail:fzms@jnfzb.cn)
        if text and _FURNITURE.fullmatch(text):
            return True
    if _EDITOR_CUE.search(text) is None:
        return False
    rest = _TRAILING_EDITORS.sub("", text)
    return rest != text and (not rest or bool(_FURNITURE.fullmatch(rest.strip())))


def _masthead_length(lines: list[_Line]) -> int:
    """How many lines at the top of the page are its masthead (paper, date, page, section, editors).

    The masthead is the page's first block of short lines; it holds the issue's
    date, a page number or the editors' credits, and everything in it up to the
    last such line belongs to the page.
    """
    last = -1
    found = False
    for i, ln in enumerate(lines[:8]):
        if (i and ln.blank_before) or ln.ends or ln.width > 40:
            break
        if _is_furniture(ln.text):
            last, found = i, True
        elif _SECTION_PAGE.fullmatch(ln.text):
            last = i
    return last + 1 if found else 0


def _is_credit(text: str) -> bool:
    return len(text) <= _SHORT and bool(_CREDIT.fullmatch(text))


def _caption_length(lines: list[_Line], i: int) -> int:
    """How many lines from *i* on are a photo caption with its credit (0: none)."""
    if _is_credit(lines[i].text):
        return 1
    n = len(lines)
    if not _CAPTION.match(lines[i].text):
        return _credited_sentence_length(lines, i) or _self_credited_line(lines, i)
    j = i
    # the caption runs to the end of its sentence, a few lines at most ...
    while not lines[j].ends and j + 1 < n and j - i < 3 and not lines[j + 1].blank_before \
            and not _is_credit(lines[j + 1].text) and not lines[j].text.endswith("摄"):  # (credited on its line)
        j += 1
    # ... and the photographer's credit may follow
    if j + 1 < n and not lines[j + 1].blank_before and _is_credit(lines[j + 1].text):
        j += 1
    return j - i + 1


def _credits_photo(ln: _Line) -> bool:
    """Is this line a photographer's credit, or does it end in one (…发言。 王亮 摄)?"""
    return _is_credit(ln.text) or ln.text.endswith("摄")


def _triangle_brief(lines: list[_Line], i: int) -> bool:
    """Does the triangle on line *i* open a brief: text running on past a caption's few lines,
    or closed by a source line, with no photographer's credit?"""
    for j in range(i, min(i + 8, len(lines))):
        ln = lines[j]
        if (j > i and ln.blank_before) or _credits_photo(ln):
            return False
        if ln.ends:
            return j - i >= 4 or ln.text[-1:] in "）)" and _TRAILING_SOURCE.search(ln.text) is not None
    return True


def _credited(lines: list[_Line], i: int) -> bool:
    """Is the block from line *i* a photo's caption, its credit within a few lines?"""
    for j in range(i, min(i + 5, len(lines))):
        if _credits_photo(lines[j]):
            return True
        if lines[j].ends:  # (the credit may stand under the caption's sentence)
            return j + 1 < len(lines) and _credits_photo(lines[j + 1])
    return False


_TRAILING_CREDIT = re.compile(r"(?<=[。！？])\s*" + _CREDIT.pattern + "$")


def _self_credited_line(lines: list[_Line], i: int) -> int:
    """A caption set apart on one line with its credit after it: 周建国在告别厅整理挽联。本报记者 孟依然 摄 (0: none)."""
    ln, nxt = lines[i], (lines[i + 1] if i + 1 < len(lines) else None)
    if not (ln.blank_before and (nxt is None or nxt.blank_before) and ln.text.endswith("摄") and len(ln.text) <= 80):
        return 0
    return 1 if _TRAILING_CREDIT.search(ln.text) else 0


def _credited_sentence_length(lines: list[_Line], i: int) -> int:
    """A caption without 图为 or ▲: one sentence set apart after body text, its credit right under it (0: none).

    ``新人在县婚姻登记处颁证厅宣读结婚誓词。`` / ``汪 洋 摄``. Under a headline the
    same lines are a photo story's text, not a caption.
    """
    prev = lines[i - 1] if i else None
    if prev is None or prev.kind != "body" or prev.head or not lines[i].blank_before or not prev.ends:
        return 0
    for j in range(i, min(i + 3, len(lines) - 1)):
        if j > i and lines[j].blank_before:
            return 0
        if lines[j].ends:
            credit = lines[j + 1]
            return j - i + 2 if not credit.blank_before and _is_credit(credit.text) else 0
    return 0


def _mark_furniture(lines: list[_Line]) -> None:
    """Set the kind of page furniture ("furniture", "caption") and of bylines ("byline").

    Furniture lines (masthead, issue date, page number, editors, jump lines) are
    recognised wherever they stand. A caption, with its credit, starts a block
    (see :func:`_starts_block`). A byline stands alone: at the start of a block
    or under a heading, and before a blank line or an opener.
    """
    n = len(lines)
    for ln in lines[: _masthead_length(lines)]:
        ln.kind = "furniture"
    # a page whose triangles open briefs (▲日前，… （记者 陈悦）) sets no caption with one unless it is credited
    triangle_briefs = any(ln.text[0] in _TRIANGLES and _triangle_brief(lines, i) for i, ln in enumerate(lines))
    i = 0
    while i < n:
        ln = lines[i]
        if ln.kind != "body":
            i += 1
            continue
        if (ln.width <= 40 and (_is_furniture(ln.text) or _JUMP.fullmatch(ln.text))) \
                or _is_web_furniture(ln.text) or (not ln.ends and _is_imprint(ln.text)):
            ln.kind = "furniture"
            k = _data_box_length(lines, i + 1) if ln.text[0] in "┌╭┏" else \
                _contents_length(lines, i + 1) if _CONTENTS.fullmatch(ln.text) else \
                _block_length(lines, i + 1) if _LINK_LIST.fullmatch(ln.text) else \
                _block_length(lines, i + 1, most=2) if ln.text.startswith("以下文章来源于") else 0  # the account's card
            for x in lines[i + 1 : i + 1 + k]:
                x.kind = "furniture"
            i += 1 + k
            continue
        if ln.text[:1] in "（(" and ln.text[-1:] in "）)" and _is_credit(ln.text[1:-1].strip()):
            ln.kind = "caption"  # a photo's credit in brackets, （王亮 摄）: no source line
            i += 1
            continue
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < n else None
        # a website's metadata under a headline names the author; a source named there
        # (来源：《社区治理》) heads the story rather than closing it
        if (ln.text.startswith("作者") and _META_AUTHOR.fullmatch(ln.text)) or (
            (ln.text[:1].isdigit() or ln.text.startswith(("发布", "更新", "时间", "日期")))
            and ("源" in ln.text or "作者" in ln.text) and _META_DATED.fullmatch(ln.text)
        ) or (
            ln.text.startswith(("来源", "來源", "稿件")) and _PLAIN_SOURCE.fullmatch(ln.text)
            and prev is not None and nxt is not None and nxt.kind == "body"
            and (prev.kind == "byline" or (prev.kind == "body" and prev.head and not prev.ends))
        ):
            ln.kind = "byline"
            i += 1
            continue
        k = _rubric_headline(lines, i)
        if k:
            ln.kind = "furniture"
            for x in lines[i + 1 : i + 1 + k]:
                x.headline = True
            if i + 1 + k < n and _is_bare_author(lines[i + 1 + k]):
                lines[i + 1 + k].kind = "byline"
            i += 1
            continue
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < n else None
        starts = _starts_block(lines, i)
        # a triangle marks a caption wherever it stands; 图为 may be text after a column break (企图为)
        if triangle_briefs and ln.text[0] in _TRIANGLES and ln.text.strip(_TRIANGLES + " ") \
                and not _credited(lines, i):
            ln.open_brief()
        k = _caption_length(lines, i) if starts or ln.text[0] in _TRIANGLES else 0
        for x in lines[i : i + k]:
            x.kind = "caption"
        if (
            not k
            and (starts or prev.head or _headline_like(prev.text))  # type: ignore[union-attr]
            # (over a whole paragraph on its line: text set a paragraph a line)
            and (nxt is None or nxt.blank_before or nxt.opener or _AUTHOR_PREFIX.match(ln.text)
                 or (nxt.ends and nxt.width > 30)
                 or (len(nxt.text) <= _SHORT and _BYLINE.fullmatch(nxt.text))  # wrapped: 本报记者 刘思远 / 通讯员 许静
                 or ln.brief)  # ■记者 王小川: set apart by its mark
            and len(ln.text) <= _SHORT
            and _BYLINE.fullmatch(ln.text)
        ):
            ln.kind = "byline"
            if ln.brief:
                ln.drop_mark()
        i += max(k, 1)
    # a WeChat account's name between its prompts (继续滑动看下一个 / 宁川民政 / 向上滑动看下一个),
    # or at the top over them
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < n else None
        if ln.kind == "body" and len(ln.text) <= 16 and ln.head and nxt is not None and not nxt.blank_before \
                and _is_wechat_prompt(nxt) and (i == 0 or (not ln.blank_before and _is_wechat_prompt(lines[i - 1]))):
            ln.kind = "furniture"


def _is_wechat_prompt(ln: _Line) -> bool:
    return ln.kind == "furniture" and _WECHAT_CUE.search(ln.text) is not None


_CONTENTS = re.compile(r"(?:今日|本期|本版|本刊)?(?:导读|要目)|目录")


def _contents_length(lines: list[_Line], i: int) -> int:
    """How many lines from *i* on list a table of contents' headlines (0: none): set with a
    brief's mark (● …) each, or else unmarked up to a blank line."""
    if i >= len(lines):
        return 0
    marked = lines[i].brief or lines[i].marked
    n = 0
    for ln in lines[i : i + 16]:
        if (n and ln.blank_before) or ln.ends or ln.width > 40 or ln.kind != "body" \
                or (marked and not (ln.brief or ln.marked)):
            break
        n += 1
    # (unmarked headlines run on into the page's first headline unless a blank line ends them)
    if not marked and not (i + n < len(lines) and lines[i + n].blank_before):
        return 0
    return n


_LABEL_LED = re.compile(r"【[^【】]{1,2}】(?=\S)")
_DATA_LABEL = re.compile(r"[【\[]?数[说读据字][】\]]?")


def _data_box_length(lines: list[_Line], i: int) -> int:
    """How many lines from *i* on, to its bottom, are a box of figures under its 数说 label (0: none)."""
    if i >= len(lines) or not _DATA_LABEL.match(lines[i].text):
        return 0
    for j in range(i, min(i + 24, len(lines))):
        if lines[j].text[0] in "└╰┗":
            return j - i + 1
    return 0


def _block_length(lines: list[_Line], i: int, most: int = 16) -> int:
    """How many lines from *i* on come before the next blank line (0 where there are more than *most*)."""
    for n, ln in enumerate(lines[i : i + most + 1]):
        if n and ln.blank_before:
            return n
    return len(lines) - i if len(lines) - i <= most else 0


def _rubric_headline(lines: list[_Line], i: int) -> int:
    """How many lines under a rubric (短 评, 【田野访谈】) are its headline (0: *i* is no rubric).

    The headline, one line or two, stands alone under it: then a blank line, a byline or an opener.
    """
    ln = lines[i]
    if len(ln.text) > 12 or not _RUBRIC.fullmatch(ln.text.replace(" ", "")):
        return 0
    bracketed = ln.text.startswith("【")
    for j in (i + 2, i + 3):
        head = lines[i + 1 : j]
        if j > len(lines) or any(x.blank_before or x.width > 40 for x in head):
            return 0
        text = "".join(x.text for x in head)
        after = lines[j] if j < len(lines) else None
        if (after is None or after.blank_before or after.opener or bool(_BYLINE.fullmatch(after.text))
                or _is_bare_author(after) or _SALUTATION.fullmatch(after.text)) \
                and _headline_like(text) and _balanced(text):
            return j - i - 1
    # a rubric in brackets is one for sure where the line or two under it that have no
    # punctuation end short of the text under them, or before a letter's 编辑同志： (else
    # they are running text under a subhead: 【资助对象】 / 资助对象主要为在档困难职工家庭中 / …)
    k = 0
    while bracketed and k < 2 and i + 1 + k < len(lines):
        head = lines[i + 1 + k]
        if head.blank_before or not _heading_like(head.text) or head.text.endswith(("：", ":")):
            break
        k += 1
    after = lines[i + 1 + k] if k and i + 1 + k < len(lines) else None
    if after is None:
        return 0
    return k if after.text.endswith(("：", ":")) or after.width >= lines[i + k].width + 2 else 0


_SALUTATION = re.compile(r"[^，。：:]{0,6}(?:同志|编辑|编辑部|记者)[:：]")  # a letter opens 编辑同志：


def _is_bare_author(ln: _Line) -> bool:
    """A commentary's author named alone under its headline: 宋 涛."""
    return len(ln.text.replace(" ", "")) <= 4 and bool(_BARE_NAME.fullmatch(ln.text))


def _article_lines(lines: list[_Line]) -> list[_Line]:
    """The lines that belong to articles: furniture and captions go, their blank lines stay."""
    out: list[_Line] = []
    gap = False
    for ln in lines:
        if ln.kind in ("furniture", "caption"):
            gap = gap or ln.blank_before
            if out and "转" in ln.text and _JUMP.fullmatch(ln.text):
                out[-1].ends = True  # (下转第7版): the text goes on elsewhere, not on the next line
            continue
        ln.blank_before = ln.blank_before or gap
        gap = False
        out.append(ln)
    return out


def _classify(lines: list[_Line], column: bool) -> None:
    """Set each line's kind: source line, heading or body (bylines and furniture are marked already)."""
    width = _column_width(lines) if column else 0.0
    n = len(lines)
    for k, (prev, ln) in enumerate(zip([None, *lines], lines)):
        # a source line closes a finished text; after a cut-off line a bracket is text: 残疾人 / （护理补贴）
        if ln.source and ln.kind == "body" and _after_finished_text(prev):
            ln.kind = "source"
        # a notice is signed under its 特此公告。: the issuer and the date, on one line or two
        elif prev is not None and prev.kind == "body" and _NOTICE_END.search(prev.text) and ln.kind == "body":
            nxt = lines[k + 1] if k + 1 < n else None
            if _SIGNATURE.fullmatch(ln.text):
                ln.kind = "source"
            elif nxt is not None and _heading_like(ln.text) and _DATE.fullmatch(nxt.text):
                ln.kind = nxt.kind = "source"
        # ... or, without it, by an issuer that is an office (江南市民政局 / 2024年9月20日)
        elif prev is not None and prev.kind == "body" and prev.ends and ln.kind == "body" and k + 1 < n \
                and _DATE.fullmatch(lines[k + 1].text) and _OFFICE.fullmatch(ln.text):
            ln.kind = lines[k + 1].kind = "source"
    if not column:
        _classify_paragraph_lines(lines)
        return
    i = 0
    while i < n:
        ln = lines[i]
        if ln.brief and ln.kind == "body" and _is_marked_subhead(lines, i, width):
            ln.drop_mark()
            ln.marked, ln.kind = True, "heading"
        if ln.kind != "body" or ln.opener:
            i += 1
            continue
        prev = lines[i - 1] if i else None
        starts = _starts_block(lines, i)
        if ln.headline or ln.marked or _is_lone_headline(lines, i) or _is_numbered_subhead(lines, i):
            ln.kind = "heading"
            i += 1
            continue
        # (each of these begins a block: after a blank line or a line that is no text)
        k = (ln.blank_before or prev is None or prev.kind != "body") and (
            _titled_block_length(lines, i) or _headline_stack_length(lines, i, width)
            or _headline_over_byline_length(lines, i)
        )
        if k:
            for x in lines[i : i + k]:
                x.kind = "heading"
            i += k
            continue
        # a line wider than the column: a headline set across columns (a column
        # line can overrun by two or three cells: punctuation that may not begin
        # a line is pulled up onto it). Not after an unfinished sentence, which
        # it goes on with: it is a line of a wider column, or one that clean()
        # joined, so that the column width moved.
        if ln.width > width + 3 and _headline_like(ln.text) and not _TRAILING_SOURCE.search(ln.text) \
                and (starts or prev.text.endswith(("：", ":"))):  # type: ignore[union-attr]
            ln.kind = "heading"
            i += 1
            continue
        # (a subhead may also sit right under the last sentence of a paragraph)
        under_sentence = not ln.blank_before and prev is not None and prev.kind == "body" and prev.ends
        alone = prev is None or ln.blank_before or prev.kind != "body" or under_sentence
        if starts and ln.head and alone:
            # a block of up to three short unpunctuated lines standing between blank lines
            j = i + 1
            # (a subhead wraps at the column: only its last line may be shorter, none wider)
            while j < n and j - i < 3 and not lines[j].blank_before and lines[j].kind == "body" \
                    and not lines[j].opener and lines[j].head and lines[j - 1].width <= width + 0.5:
                j += 1
            after = lines[j] if j < n else None
            # a paragraph's first line cut off by a column break is followed by a
            # full (unindented) line: when it is full itself or sits right under a
            # sentence, it is a fragment of a paragraph, not a subhead
            fragment = (
                j == i + 1 and after is not None and after.kind == "body" and not after.opener
                and (ln.width >= width - 2.5 or under_sentence) and after.width >= width - 0.5
            ) or (
                # right under a sentence, lines that fill the column and wrap, with a
                # headline after them and no text to head, are the paragraph's last,
                # unpunctuated ones (…说：“日子越过越好了” / 咨询电话：12345)
                under_sentence and j > i + 1 and ln.width >= width - 1
                and after is not None and after.blank_before and after.head and not after.opener
                and j + 1 < n and (lines[j + 1].blank_before or lines[j + 1].opener)
            )
            # (a heading heads something: a short line ending the text is its last line, 咨询电话：…)
            if not fragment and after is not None and (after.blank_before or after.opener or after.kind != "body"):
                if _heading_like("".join(x.text for x in lines[i:j])):
                    for x in lines[i:j]:
                        x.kind = "heading"
                    lines[i].blank_before = True
                    for x in lines[i + 1 : j]:
                        x.blank_before = False
                    i = j
                    continue
        # where no blank lines set subheads apart: a short unpunctuated line between
        # a finished sentence and a paragraph's full first line (…超过10家。/ 孵化基地搭台 / “社区…)
        nxt = lines[i + 1] if i + 1 < n else None
        # (or over a dateline, which need not fill its line: 本报讯（记者 李悦）…)
        if under_sentence and ln.head and ln.width <= width - 4 and nxt is not None and nxt.kind == "body" \
                and not nxt.blank_before and not nxt.opener and not nxt.ends \
                and (nxt.width >= width - 1 or _opens_with_dateline(nxt.text)):
            ln.kind = "heading"
            i += 1
            continue
        # a heading line set directly above its body text: it starts a block and
        # is clearly shorter or wider than a (possibly indented) column line
        if (
            starts
            and ln.head
            and i + 1 < n
            and not ln.text.endswith(("：", ":"))  # 编辑同志： opens a letter
            and (prev is None or ln.blank_before or prev.kind != "body")
            and (
                ln.width > width + 3
                or ln.width < width - 3.5
                # right after a source line or at the top, the only other thing it
                # could be is an untitled article's first line: indented or full
                or (
                    (prev is None or prev.kind == "source" or _TRAILING_SOURCE.search(prev.text))
                    and (
                        abs(ln.width - width + 2) > 0.75
                        # the next line is indented: it starts the first paragraph
                        or (lines[i + 1].width <= width - 1.5 and not lines[i + 1].ends)
                    )
                )
            )
        ):
            ln.kind = "heading"
        i += 1


def _classify_paragraph_lines(lines: list[_Line]) -> None:
    """Headings of text set one paragraph a line: a short line without sentence punctuation over text.

    After a line ending in a colon, short lines are the items of a list (``80至89周岁 每人每月100元``).
    """
    n = len(lines)

    def short_head(k: int, least: float = 4) -> bool:
        ln = lines[k]
        over_byline = k + 1 < n and lines[k + 1].kind == "byline"
        # (a headline may ask or exclaim: 高龄津贴怎么领？ / 警惕！“以房养老”骗局盯上老年人;
        # right over its byline it may also end in a quote: 在社工站，我学会了“慢下来”; and a
        # website's headline over its subtitle and byline may be long)
        near_byline = any(x.kind == "byline" for x in lines[k + 1 : k + 3])
        return ln.kind == "body" and least <= ln.width <= (40 if near_byline else 30) and (
            ln.head or (_headline_like(ln.text) and _balanced(ln.text)
                        and (over_byline or not ln.text.endswith(tuple(_CLOSERS))))
            # a column's name, two or three characters, over a headline (观察)
            or (least < 4 and ln.head and k + 1 < n and short_head(k + 1))
        )

    # (where a blank line stands above every line, it does not part a headline from its subtitle)
    everywhere = _blank_above_every_line(lines)
    listing = False
    for i, ln in enumerate(lines):
        if ln.kind != "body":
            listing = False
            continue
        if ln.headline:  # under a commentary's rubric
            ln.kind = "heading"
            continue
        if listing and ln.head and not ln.blank_before:
            continue
        listing = ln.text.endswith(("：", ":"))
        # a headline may stand with a kicker and a ——subtitle: up to four short lines
        # over the text or over a byline
        j = i
        while j < n and j - i < 4 and short_head(j, 2 if j == i else 4) and (
                j == i or not lines[j].blank_before or everywhere):
            j += 1
        after = lines[j] if i < j < len(lines) else None
        if after is not None and (
            after.kind == "byline" or (after.kind == "body" and after.width > max(x.width for x in lines[i:j]))
        ):
            ln.kind = "heading"


def _is_numbered_subhead(lines: list[_Line], i: int) -> bool:
    """A numbered heading (``二、护理员“招不来、留不住”``) right above an indented paragraph.

    Its enumeration comma or quotes make it look like a list item; but it has no
    full stop and the paragraph under it is opened like an article's.
    """
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev = lines[i - 1] if i else None
    return (
        nxt is not None
        and nxt.opener
        and not nxt.brief
        and ln.blank_before
        and (prev is None or prev.ends or prev.kind != "body")
        and ln.width <= 40
        and bool(_ENUMERATOR.match(ln.text))
        and _headline_like(ln.text)
        and not _quoted_speech_end(ln.text)
    )


def _headline_over_byline_length(lines: list[_Line], i: int) -> int:
    """How many lines from *i* on are a headline right above its byline (0: none).

    One line or two, even one that exclaims (``他开了5家连锁店！``) or breaks after
    a comma (``慈善信息公开，`` / ``不能止于“晒账本”``).
    """
    ln = lines[i]
    prev = lines[i - 1] if i else None
    if not (ln.blank_before or prev is None):
        return 0
    if not _after_finished_text(prev):
        return 0
    for j in (i + 1, i + 2):
        if j >= len(lines) or lines[j].blank_before:
            return 0
        if lines[j].kind == "byline":
            block = lines[i:j]
            text = "".join(x.text for x in block)
            whole = all(x.width <= 40 and x.kind == "body" and not x.opener for x in block)
            return j - i if whole and _headline_like(text) and _balanced(text) and not _quoted_speech_end(text) else 0
    return 0


def _titled_block_length(lines: list[_Line], i: int) -> int:
    """How many lines from *i* on are a headline block closed by its 副题 (0: none).

    ``移风易俗看新风`` / ``一场简朴葬礼，省下五万元`` / ``——河北省邢台市农村殡葬改革见闻``:
    a kicker (引题), the headline, and the dash line under it, before a blank
    line, a byline or an opener. The headline may hold a comma: the dash line
    shows what it is.
    """
    n = len(lines)
    prev = lines[i - 1] if i else None
    if not (prev is None or lines[i].blank_before or prev.kind != "body"):
        return 0
    if not _after_finished_text(prev):
        return 0
    for j in range(i + 1, min(i + 3, n)):
        x = lines[j]
        if x.blank_before or x.kind != "body" or x.opener:
            return 0
        if x.text.startswith("——"):
            more = lines[j + 1] if j + 1 < n else None
            if (
                more is not None and not more.blank_before and not more.opener and more.kind == "body"
                and more.width < x.width and _headline_like(more.text)
            ):
                j += 1  # the subtitle wrapped: ——记退役军人、于都县禾丰镇 / 种植大户肖立新
            after = lines[j + 1] if j + 1 < n else None
            whole = all(y.width <= 40 and _headline_like(y.text) and _balanced(y.text) for y in lines[i : j + 1])
            stands = after is None or after.blank_before or after.opener or after.kind == "byline"
            return j - i + 1 if whole and stands else 0
    return 0


def _headline_stack_length(lines: list[_Line], i: int, width: float) -> int:
    """How many lines from *i* on are a headline set over two or three short lines (0: none).

    ``小区公共收益去哪了？`` / ``居民扫码就能查``: each line well short of the column,
    with no full stop (a question or exclamation mark, a comma may stand: ``小院变“学堂”，``), and a
    blank line, an opener, a byline or a dateline after them. Running text fills
    its lines up to the paragraph's last.
    """
    n = len(lines)
    prev = lines[i - 1] if i else None
    if prev is not None and not (lines[i].blank_before or prev.kind != "body"):
        return 0
    if not _after_finished_text(prev):
        return 0
    j = i
    while j < n and j - i < 3 and (j == i or not lines[j].blank_before):
        x = lines[j]
        if x.kind != "body" or x.opener or x.running or x.width > 40 or _FULL_STOPS.search(x.text):
            break
        j += 1
    after = lines[j] if j < n else None
    # over an opened first paragraph a headline's lines may be as wide as the column
    if not (after is not None and after.opener) and any(x.width > width - 3 for x in lines[i:j]):
        return 0
    stands = after is not None and (
        after.blank_before or after.opener or after.kind == "byline" or bool(_DATELINE.match(after.text))
    )
    text = "".join(x.text for x in lines[i:j])
    whole = _headline_like(text) and _balanced(text) and not _quoted_speech_end(text)
    return j - i if j - i >= 2 and stands and whole else 0


def _balanced(s: str) -> bool:
    """Are the quotes and brackets of *s* closed?"""
    return all(s.count(a) == s.count(b) for a, b in ("“”", "‘’", "（）", "()", "《》", "「」"))


def _quoted_speech_end(s: str) -> bool:
    """Does *s* end in a quote closed after its own punctuation (``“太好了！”``)?"""
    inner = s.rstrip(_CLOSERS + " ")
    return len(inner) < len(s) and inner[-1:] in _TERMINALS


def _after_finished_text(prev: _Line | None) -> bool:
    """Does a line after *prev* begin something new: is *prev* no line of text, or the end of one?"""
    return prev is None or prev.ends or prev.kind != "body" or _ends_unpunctuated(prev.text)


def _ends_unpunctuated(s: str) -> bool:
    """Could *s* end an article without a full stop: in a closing quote or bracket, or a number?"""
    return s[-1] in _CLOSERS or s[-1].isdigit()


def _is_lone_headline(lines: list[_Line], i: int) -> bool:
    """A one-line headline that asks or pauses (``加装电梯，钱谁来出？``) before an opened article.

    Its comma or question mark makes it look like the previous article's last
    paragraph; but it stands alone between blank lines after a finished
    sentence, without a full stop, right before an opener. (A line that ends
    in a quote closed after its own punctuation, ``“太好了！”``, is more likely a
    short paragraph of speech; ``他们许下“金婚之约”`` is a headline.)

    An article may also end without a full stop: in a closing quote (``“日子越过越好了”``)
    or a number (``咨询电话：12345``). Standing alone before an opener, the line
    is then a headline too, not the tail of a sentence that a column break cut.
    Right on an opened paragraph it may stand too, after a blank line or a
    source line (pages that set no blank line between a headline and its text).
    """
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev = lines[i - 1] if i else None
    return (
        nxt is not None
        # before an opener; or first on the page, under the masthead, and whole
        # (a column break may cut a page's first sentence: “电梯修好了，上下楼再也)
        and (nxt.opener or ((prev is None or prev.kind == "furniture") and _balanced(ln.text)))
        and (ln.blank_before or prev is None or prev.kind == "source")
        and (nxt.blank_before or (nxt.opener and not nxt.brief))
        and _after_finished_text(prev)
        and ln.width <= 40
        and not _quoted_speech_end(ln.text)
        and _headline_like(ln.text)
    )


@dataclass
class _Para:
    kind: str  # as its lines': body | heading | source | byline | caption | furniture
    lines: list[_Line]
    text: str = ""

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def opener(self) -> bool:
        return self.lines[0].opener

    @property
    def brief(self) -> bool:
        return self.lines[0].brief

    @property
    def closes(self) -> bool:
        """Does it close an article: a source line, or text ending in one (…支撑。（据民政部网站））?"""
        return self.kind == "source" or (
            self.kind == "body" and _TRAILING_SOURCE.search(self.lines[-1].text) is not None
        )


# A number at the end of a line, and the character before it (spaces aside).
_NUMBER_END = re.compile(r"([^\d.,\s]?)\s*\d[\d.,]*$")


def _join(parts: list[str]) -> str:
    """Join column lines: no space, except between two Latin words or numbers.

    A number broken across lines in Chinese text (``达到1`` / ``87.6万人``) is one number.
    """
    out = parts[0]
    for p in parts[1:]:
        if out and p and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            m = _NUMBER_END.search(out) if p[0].isdigit() else None
            broken_number = m is not None and not m.group(1).isascii()
            out += p if broken_number else " " + p
        else:
            out += p
    return out


def _paragraphs(lines: list[_Line], *, split_on_opener: bool = False) -> list[_Para]:
    """Group lines into paragraphs. ``split_on_opener`` makes an opener start a new paragraph."""
    column = _is_column_text(lines)
    _classify(lines, column)
    for ln, nxt in zip(lines, [*lines[1:], None]):
        # (a headline stack ends above the dateline: 本报讯 记者 郑 岚  记者从…; an interview's
        # question over its answer is text: 记者：哪些人员被纳入保障范围？ / 答：…)
        if ln.kind == "heading" and (ln.running or (
                nxt is not None and _QUESTION.match(ln.text) and _ANSWER.match(nxt.text))):
            ln.kind = "body"
    # a line or two right over a dateline's line, after a finished text or a date, are its headline
    for k, nxt in enumerate(lines):
        if not (nxt.running and nxt.kind == "body" and _opens_with_dateline(nxt.text)):
            continue
        for size in (1, 2):
            head = lines[max(k - size, 0) : k]
            prev = lines[k - size - 1] if k - size > 0 else None
            text = "".join(x.text for x in head)
            if len(head) < size or any(x.kind != "body" or x.ends or x.opener or x.running or x.width > 40 for x in head):
                break
            if _headline_like(text) and _balanced(text) and (
                    prev is None or prev.kind != "body" or prev.ends or bool(_DATE.fullmatch(prev.text))):
                for x in head:
                    x.kind = "heading"
                break
    width = _column_width(lines)
    paras: list[_Para] = []
    cur: list[_Line] = []

    def flush() -> None:
        if cur:
            kind = cur[0].kind
            paras.append(_Para(kind, list(cur), _finish_paragraph(_join([x.text for x in cur]))))
            cur.clear()

    for ln in lines:
        if cur:
            last = cur[-1]
            if not column:
                boundary = True
            elif ln.kind != last.kind:
                boundary = True
            elif ln.kind == "heading":
                boundary = ln.blank_before
            elif ln.kind == "caption":
                boundary = ln.blank_before or last.ends  # the credit stands apart
            elif ln.kind != "body":
                boundary = True  # source, byline, furniture: a line each
            else:
                # a sentence that ends exactly at the end of a full column line
                # usually goes on in the same paragraph: last lines are short
                full = last.width >= width - 0.5 and not ln.blank_before and not ln.opener
                # a numbered item after a colon or semicolon starts a paragraph
                item = ln.bullet or (last.text.endswith(("：", "；", ":", ";")) and bool(_ENUMERATOR.match(ln.text)))
                boundary = (last.ends and not full) or (split_on_opener and ln.opener) or item
            if boundary:
                flush()
        cur.append(ln)
    flush()
    return [p for p in paras if p.text]


# --------------------------------------------------------------------------- clean


def clean(text: str) -> str:
    """Repair OCR'd or column-set text; return paragraphs separated by single ``\\n``.

    * Lines broken mid-sentence are joined. A line ends its paragraph when it ends
      a sentence (``。！？…`` possibly inside closing quotes), is a heading or a
      source line; a blank line inside a sentence (a column break) is ignored.
      A number broken across two lines (``达到1`` / ``87.6万人``) is joined whole.
      Bylines, photo captions and page furniture (masthead, ``（下转第2版）``)
      are kept, each on its own line: :func:`split_articles` drops them. A jump
      set after a paragraph's last sentence (``…少跑腿。（下转第2版）``) is dropped.
      Text that is already one paragraph per line (most lines end a sentence)
      is left as it is: only its whitespace is normalised.
    * Spaces next to Chinese characters or Chinese punctuation are removed
      (``到 2017 年底`` -> ``到2017年底``); spaces between Latin words and
      numbers are kept (``New York``, ``COVID-19 vaccine``, ``3.5 %``). Heading-like
      lines (short, without sentence punctuation) keep a space between two
      Chinese characters, which in headlines separates phrases.
    * U+FFFD, control characters, zero-width and bidi marks, lone surrogates and
      private-use characters are dropped; full-width ASCII letters, digits and
      symbols become ASCII, but Chinese punctuation (，。！？：；（）“” ～) stays.

    ``clean(clean(x)) == clean(x)``; empty or whitespace-only input gives ``""``.
    """
    text = ensure_text(text, "text")
    lines = _scan_lines(text)
    _mark_furniture(lines)
    return "\n".join(p.text for p in _paragraphs(lines))


# --------------------------------------------------------------------------- articles


_QUESTION = re.compile(r"(?:问|记者|本报记者|主持人)[:：]")  # (an interview's question: 记者：…？ / 答：…)
_ANSWER = re.compile(r"答[:：]")


def _split_trailing_source(para: _Para) -> tuple[str, str | None]:
    """Cut a source line set at the end of the last body line (``…支撑。 （据民政部网站）``)."""
    # the column may break inside the brackets: （杨 / 宣）
    for k in (1, 2):
        if k > len(para.lines):
            break
        last = "".join(x.text for x in para.lines[-k:])
        m = _TRAILING_SOURCE.search(last)
        if m and m.start() < len(para.lines[-k].text) and not (m.start() == 0 and len(para.lines) == k):
            parts = [x.text for x in para.lines[:-k]] + [last[: m.start()]]
            return _finish_paragraph(_join(parts)), _source_name(m.group(1))
    return para.text, None


# What a source line says before the outlet's name: 据, 来源：
_SOURCE_LABEL = re.compile(r"(?:[据據]|(?:稿件)?[来來]源[:：]|作者[:：]|撰稿[:：]|供稿[:：]|撰文[:：])\s*")
_REVIEWER = re.compile(r"\s*(?:审核|审签|签发|终审)[:：].*$")  # (撰稿：张 蕾  审核：黄志坚): the writer is the source
# After an author's name: where they work (作者：孟 然  单位：中共某市委党校)
_AFFILIATION = re.compile(r"\s*[（(]?\s*(?:作者)?[单單]位[:：].*$")
# OCR spaces out two-character names (韩 冬): a space between two lone characters is padding.
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]) (?=[\u4e00-\u9fff](?![\u4e00-\u9fff]))")


# an outlet named in square brackets under the text it gave: 【人民网】
_OUTLET_TAG = re.compile(r"【([^【】]{1,12}(?:网|报|社|台|客户端|新闻|杂志))】")


def _source_of_line(text: str) -> str | None:
    """The source a whole line names (``（据《成都日报》）``, ``作者：顾晓明（…）``, a notice's
    signature ``某县民政局 2025年5月20日``), or None."""
    m = _SOURCE_LINE.fullmatch(text)
    if m:
        return _source_name(m.group(1))
    m = _SIGNATURE.fullmatch(text)
    if m:
        return m.group(1).strip()
    m = _AUTHOR_LINE.fullmatch(text)
    if m:
        return _PADDED_NAME.sub(r"\1", m.group(1))
    m = _OUTLET_TAG.fullmatch(text)
    if m:
        return m.group(1)
    return _source_name(text) if _PLAIN_SOURCE.fullmatch(text) else None


_WORKPLACE = re.compile(r"\s*[（(][^（）()]*[）)]$")


def _source_name(inner: str) -> str:
    inner = inner.strip()
    if (inner[:1].isdigit() or inner.startswith(("发布", "更新", "时间", "日期"))) and _META_DATED.fullmatch(inner):
        fields = dict(m.groups() for m in _META_FIELD.finditer(inner))  # the author, else the source
        inner = fields.get("作者") or fields.get("来源") or fields.get("來源") or ""
    if _META_AUTHOR.fullmatch(inner):
        inner = _WORKPLACE.sub("", _META_FIELDS.sub("", inner))  # 作者：李晓萌（…站长）  发布时间：…
    if _AUTHOR_PREFIX.match(inner):
        inner = _WORKPLACE.sub("", _TRAILING_PHOTO_CREDIT.sub("", _AUTHOR_PREFIX.sub("", inner)))  # 文/社工 杨 柳（…中心）: the author
    inner = _CREDIT_SUFFIX.sub("", inner).removesuffix("供稿")
    m = _SOURCE_LABEL.match(inner)
    if m:
        inner = _REVIEWER.sub("", inner[m.end() :])
        if m.group().startswith("作者"):
            inner = _AFFILIATION.sub("", inner)
    return _PADDED_NAME.sub(r"\1", _fix_spaces(inner.strip(), heading=True))


# A dateline's credit: 本报讯（记者 王 磊 通讯员 李 娜）, or the agency of 新华社北京5月5日电（记者 …）
_AGENCY = re.compile(r"新[华華]社|中新社|中新[网網]")
_CREDIT_BRACKETS = re.compile(r" ?[（(]([^（）()]{2,40})[）)]")
_ROLE_SPLIT = re.compile(r" ?(" + _ROLE + r") ?")


def _dateline_credit(text: str) -> str | None:
    """Who a dateline credits: the agency (``新华社``), or the reporters it names in brackets."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    agency = _AGENCY.match(m.group())
    if agency:
        return agency.group()
    credit = _CREDIT_BRACKETS.match(text, m.end())
    if credit is None or not _BYLINE.fullmatch(credit.group(1).strip()):
        return None
    # 记者王磊通讯员李娜 -> 记者 王磊 通讯员 李娜
    return _source_name(_ROLE_SPLIT.sub(r" \1 ", credit.group(1)))


def _source_of(d: _Draft) -> str | None:
    """The source line's name; else the byline's (also where the line names only an affiliation); else the
    credit in the body's dateline."""
    if d.source is None or (d.byline and d.source.startswith(("作者单位", "作者單位"))):
        return d.byline or (_dateline_credit(d.body[0]) if d.body else None)
    return d.source


def _heading_lines(p: _Para) -> list[str]:
    """A heading paragraph as headings: one (a headline wrapped over lines), or, where a
    ——subtitle line shows the block's parts, the lines above it and the subtitle."""
    first = p.lines[0].text.replace(" ", "")
    if len(p.lines) > 1 and (_SIDEBAR.fullmatch(first) or (
            len(first) <= 2 and p.lines[1].width >= p.lines[0].width + 4 and _heading_like(first))):
        # a sidebar's label over the box's own headline (延伸阅读 / 什么是“时间银行”), or a
        # column's two-character label over a headline (案例, 资讯)
        rest = p.lines[1:]
        return [_finish_paragraph(p.lines[0].text),
                *_heading_lines(_Para(p.kind, rest, _finish_paragraph(_join([x.text for x in rest]))))]
    dash = next((j for j, x in enumerate(p.lines) if j and x.text.startswith("——")), None)
    if dash is None:
        return [p.text]
    parts = [_finish_paragraph(x.text) for x in p.lines]
    return parts[:dash] + ["".join(parts[dash:])]


def _headlines_stand_apart(paras: list[_Para], starts_article, *, default: bool) -> bool:
    """Does this page set a blank line between a headline and its text?

    Told by the headings that are headlines for sure: the first on the page, and
    those after a source line or before a dateline or an opener that starts an
    article. *default* where they disagree, or none has body text right after it.
    """
    votes = []
    for k, p in enumerate(paras[:-1]):
        nxt = paras[k + 1]
        # (a brief's ■ title sits on its text whatever the page does with its headlines)
        if p.kind != "heading" or nxt.kind != "body" or p.lines[0].marked:
            continue
        before = paras[k - 1] if k else None
        sure = before is None or before.closes or starts_article(nxt)
        if sure:
            votes.append(nxt.lines[0].blank_before)
    return votes[0] if votes and len(set(votes)) == 1 else default


def _headline_gap(paras: list[_Para], starts_article) -> int:
    """How many blank lines this page sets above a headline that follows text.

    Told by the headlines for sure (after a source line, or over a byline or an
    article's opening): the gap most of them have. 0 when there are none: then
    nothing is learned.
    """
    gaps = []
    for before, p, nxt in zip(paras, paras[1:], paras[2:]):
        if p.kind != "heading" or p.lines[0].marked or before.kind not in ("body", "source"):
            continue  # (briefs under a ● title are set closer than articles)
        if before.closes or nxt.kind == "byline" or starts_article(nxt):
            gaps.append(p.lines[0].gap)
    counts = Counter(gaps)
    # (briefs under a column's name are set closer than articles: a tie goes to the wider gap)
    return max(counts, key=lambda gap: (counts[gap], gap), default=0)


def _paragraph_gap(paras: list[_Para]) -> int:
    """How many blank lines this page most often sets between two paragraphs of text."""
    gaps = Counter(p.lines[0].gap for q, p in zip(paras, paras[1:]) if q.kind == p.kind == "body")
    return gaps.most_common(1)[0][0] if gaps else 0


def _wide_gaps_separate(lines: list[_Line]) -> bool:
    """Does the page part its articles by two blank lines or more, and paragraphs by fewer?

    Only if it has two such gaps at least, each after finished text: a column
    break inside a sentence may leave any number of blank lines.
    """
    wide = [k for k, ln in enumerate(lines) if k and ln.gap >= 2]
    # (one wider gap is no convention: a page may part most articles by one blank line)
    return len(wide) >= 2 and all(_after_finished_text(lines[k - 1]) for k in wide)


def _indents_paragraphs(paras: list[_Para], *, wide: bool = False) -> bool:
    """Does the page indent every paragraph? Then an opener sits right under a finished sentence
    (or one blank line below it, where wider gaps part the articles)."""
    return any(
        p.opener and not p.brief and q.kind == "body" and q.lines[-1].ends
        and (not p.lines[0].blank_before or (wide and p.lines[0].gap == 1))
        for q, p in zip(paras, paras[1:])
    )


def _blank_above_every_line(lines: list[_Line]) -> bool:
    """Does the page set a blank line above every line (an e-paper's export)?"""
    return len(lines) >= 6 and all(ln.blank_before for ln in lines[1:])


def _blank_everywhere(paras: list[_Para]) -> bool:
    """Does the page set a blank line above every line (text set a paragraph a line), or above most of
    its paragraphs, which are indented?"""
    if _blank_above_every_line([ln for p in paras for ln in p.lines]):
        return True
    # text with a blank line above (almost) every paragraph, each opened: the openers are indentation
    # (a headline's subtitle or a byline may sit right under it)
    body = [p for p in paras[1:] if p.kind == "body" and not p.brief]
    return len(body) >= 6 and sum(p.lines[0].blank_before for p in body) >= 0.8 * len(body) \
        and sum(p.opener for p in body) >= 0.8 * len(body)


@dataclass
class _Draft:
    start: int
    end: int
    heads: list[str] | None = None  # the headline block: kicker(s), headline, ——subtitle
    subheads: list[str] | None = None
    body: list[str] | None = None
    source: str | None = None
    byline: str | None = None
    closed: bool = False
    marked: bool = False  # titled by a heading set with a brief's mark (● 某市举办技能大赛)

    def __post_init__(self) -> None:
        self.heads = self.heads or []
        self.subheads = self.subheads or []
        self.body = self.body or []

    @property
    def title(self) -> str | None:
        return self.heads[_headline_index(self.heads)] if self.heads else None

    def all_subheads(self) -> list[str]:
        """Kicker and subtitle first, then the subheads inside the article."""
        if not self.heads:
            return self.subheads
        k = _headline_index(self.heads)
        return self.heads[:k] + self.heads[k + 1 :] + self.subheads


def _headline_index(heads: list[str]) -> int:
    """In a stack of headings over an article, the headline is the last one that is no ——subtitle;
    of three without a dash, the middle one (kicker, headline, subtitle)."""
    if len(heads) == 3 and not any(h.startswith("——") for h in heads):
        return 1
    return max((k for k, h in enumerate(heads) if not h.startswith("——")), default=0)


class _Page:
    """How a page sets its articles, read from the page itself once."""

    def __init__(self, lines: list[_Line], paras: list[_Para]) -> None:
        self.paras = paras
        self.width = _column_width(lines)
        self.wide = _wide_gaps_separate(lines)
        blank_everywhere = _blank_everywhere(paras)
        # (where a blank line stands above every paragraph, blank lines tell nothing: the openers are indentation)
        self.indented = _indents_paragraphs(paras, wide=self.wide) or blank_everywhere
        self.headline_gap = _headline_gap(paras, self.starts_article)
        self.paragraph_gap = _paragraph_gap(paras)
        # ... and where headlines stand no further off than paragraphs, spacing tells a headline from nothing
        self.blank_everywhere = blank_everywhere and self.headline_gap <= self.paragraph_gap
        self.opened = any(p.opener and not p.brief for p in paras)
        self.apart = _headlines_stand_apart(paras, self.starts_article, default=self.indented)
        # Articles close with a source line: the last one, and two more before a heading at
        # least. There, text without one has not ended yet.
        self.closes_with_source = paras[-1].kind == "source" and sum(
            q.closes for q, h in zip(paras, paras[1:]) if h.kind == "heading"
        ) >= 2

    def starts_article(self, p: _Para) -> bool:
        """Does *p* open an article: by a dateline, a brief's mark, or the opener where only articles have one?"""
        # (the dateline is read on the line: a brief's place is set apart by a space, which the text closes up)
        return p.brief or (p.opener and not self.indented) or (
            p.kind == "body" and bool(_DATELINE.match(p.text) or _DATELINE.match(p.lines[0].text)))

    def is_headline(self, k: int, cur: _Draft | None) -> bool:
        """Is heading ``paras[k]`` a headline (else a subhead of *cur*, the article being read)?"""
        paras, p = self.paras, self.paras[k]
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        # what the stack of headings from here on heads (kicker, headline, subtitle set line by line)
        j = k + 1
        while j < len(paras) and paras[j].kind == "heading":
            j += 1
        led = paras[j] if j < len(paras) else None
        wider = len(p.lines) == 1 and p.lines[0].width > self.width + 2  # a headline set across columns
        opens = nxt is not None and (self.starts_article(nxt) or nxt.kind == "byline")
        evidence = (
            opens
            or wider
            or (led is not None and led is not nxt and (led.kind == "byline" or self.starts_article(led)))
            or (nxt is not None and nxt.kind == "heading" and nxt.lines[0].marked)  # a column's name over ● titles
            # Where openers mark articles, the opener after a headline says it all. Else
            # a heading set as this page sets its headlines is one: standing apart from
            # its text, or right on it (subheads are set the other way)
            or ((self.indented or not self.opened) and nxt is not None and nxt.kind == "body"
                and nxt.lines[0].blank_before == self.apart and not self.blank_everywhere)
        )
        if p.lines[0].headline or p.lines[0].runin or cur is None or cur.closed \
                or _SIDEBAR.fullmatch(p.text.replace(" ", "")):
            return True
        if not cur.body:
            # (the first heading over a body heads it; so does a brief's ■ title under its column's name)
            return cur.title is None or evidence or p.lines[0].marked
        under_text = paras[k - 1].kind == "body"
        # (also a heading led by a short label in brackets, 【缘起】“小钱”也能做信托, under the text)
        if _ENUMERATOR.match(p.text) or (under_text and _LABEL_LED.match(p.text)) or (
                p.lines[0].marked and p.lines[0].gap == 0 and under_text and not cur.marked):
            # a numbered heading, or a ■ heading right under the text, inside an article
            # (under a ● brief's title, the next ● title is the next brief's)
            return False
        if under_text and not opens and not wider and (
            # as close to the text above as a paragraph, where headlines stand further off
            p.lines[0].gap <= self.paragraph_gap < self.headline_gap
            # or the article above has not closed with its source line yet
            or self.closes_with_source
        ):
            return False
        return evidence


def split_articles(page: str) -> list[Article]:
    """Cut a scanned newspaper page into articles.

    An article ends at a source line (``（据…）``, ``（本报记者 …）``, a brief's
    ``（浙 民）``, ``（作者单位：…）``, also at the end of the last body line).
    A new article starts after a source line, at a headline, at a dateline
    (``本报讯``, ``本报3月5日讯``, ``新华社北京3月5日电``), or at a paragraph
    opened by U+FFFD debris (``� �``) or by ``■`` / ``●`` when the current
    article already has a body, unless a byline or a subhead stands just before
    it. On a page that indents every paragraph (an opener right under a
    finished sentence shows it), the opener starts a paragraph, not an article.

    A heading is a *headline* (``Article.title``) when it opens the page, follows
    a source line, is followed by an opener that starts an article or by a
    byline, stands under a commentary's rubric (``短评``), is wider than the
    column, or comes before any body; otherwise it is a *subhead* of the current
    article (numbered headings, ``一、…``, always are). A heading as close to the
    text above as the page sets its paragraphs, where it sets headlines further
    off, is a subhead; so is one under text that has not closed yet on a page
    whose articles close with source lines. A one-line headline with
    a comma, a question or exclamation mark is recognised when it stands alone
    before an opener or right above its byline. A headline printed with a
    kicker (引题) above it or a ``——`` subtitle (副题) under it is the title;
    the kicker and subtitle come first in ``Article.subheads``.

    Page furniture (the masthead block, jump lines such as ``（上接第1版）``,
    commentaries' rubrics), photo captions with their credits and unbracketed
    bylines (``本报记者 赵 雪``, ``□ 陈 立``) are in no article's text. A notice's
    signature under ``特此公告。`` is its source; a reader's signature under a
    question (``问：…（读者 王女士）``) stays in the text, and the answer goes on.

    A brief's title run into its text after an ideographic space
    (``●我市调整高龄津贴标准　自7月1日起，…``) is its title. A sidebar's label
    (``【链接】``, ``小贴士``, ``延伸阅读``) starts an item of its own. Text copied
    from a website or an e-paper loses its navigation, buttons, share and
    copyright lines and tables of contents; its metadata line
    (``作者：本报记者 方晓  发布时间：…``) is the byline, and ``来源：…`` heads the
    story above its text and closes it below.

    ``Article.text`` is the cleaned body without title, subheads and source line.
    ``Article.source`` names the outlet without brackets, 据 or 来源：, keeping
    book-title marks: ``《成都日报》``, ``中国社会组织网``, ``本报记者 张三``;
    OCR's spacing inside two-character names is removed (``韩 冬`` -> ``韩冬``).
    An article without a source line takes its byline as its source, and one
    without either the credit its dateline gives: ``本报讯（记者 王 磊）`` ->
    ``记者 王磊``, ``新华社北京5月5日电`` -> ``新华社`` (the dateline stays in the text).
    ``page[a.start:a.end]`` runs from the first character of the headline (or of
    the body, opener included, when there is no headline) to the end of the
    source line (or of the last body line).
    """
    page = ensure_text(page, "page")
    lines = _scan_lines(page, run_in=True)
    _mark_furniture(lines)
    lines = _article_lines(lines)
    if not lines:
        return []
    paras = _paragraphs(lines, split_on_opener=True)
    if not paras:
        return []
    page_ = _Page(lines, paras)

    drafts: list[_Draft] = []
    cur: _Draft | None = None

    def new(start: int) -> _Draft:
        nonlocal byline
        d = _Draft(start, start, byline=byline)
        byline = None
        drafts.append(d)
        return d

    bylined = subhead = asked = False
    byline: str | None = None  # a byline seen before its article's first line
    for k, p in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        # a byline stands between a headline and the body it introduces, which
        # goes on from what came before even when it is opened (editor's notes);
        # so does a subhead, over the paragraph it introduces
        after_byline, bylined = bylined or subhead, p.kind == "byline"
        subhead = False
        # an answer goes on from its question, and a reader's signature under the
        # question (问：…（读者 王女士） / 答：…) is part of it, no source line
        answer, asked = asked, (
            nxt is not None and nxt.kind == "body" and _ANSWER.match(nxt.text) is not None
            and _QUESTION.match(p.text if p.kind == "body" else paras[k - 1].text if k else "") is not None
        )
        if bylined:
            name = _source_name(p.text)
            # the second line of one byline (not a website's 来源： under its metadata line)
            wrapped = k > 0 and paras[k - 1].kind == "byline" and bool(
                _BYLINE.fullmatch(p.text) and _BYLINE.fullmatch(paras[k - 1].text))
            if cur is not None and not cur.closed:
                cur.byline = f"{cur.byline} {name}" if wrapped and cur.byline else cur.byline or name
            else:
                byline = f"{byline} {name}" if wrapped and byline else name
            continue
        if p.kind == "source" and asked and cur is not None and not cur.closed and cur.body:
            cur.body[-1] += p.text
            cur.end = p.end
            continue
        if p.kind == "source":
            if cur is not None and cur.closed and cur.source and _DATE.fullmatch(p.text):
                cur.end = p.end  # the date under a notice's signature
                continue
            if cur is not None and cur.closed and cur.source and k and paras[k - 1].kind == "source" \
                    and paras[k - 1].end == cur.end:
                # a second credit line under the same text (来源：宁川日报 / 记者：马 骁): the writer's wins
                if _AUTHOR_LINE.fullmatch(p.text):
                    cur.source = _source_of_line(p.text)
                cur.end = p.end
                continue
            if cur is None or cur.closed:
                cur = new(p.start)
            cur.source = _source_of_line(p.text) or p.text  # (or a notice's issuer, signing it)
            cur.end, cur.closed = p.end, True
            continue
        if p.kind == "heading":
            headline = page_.is_headline(k, cur)
            if headline and cur is not None and not cur.closed and not cur.body and cur.title is not None:
                cur.heads.extend(_heading_lines(p))  # a second heading over the same body
                cur.marked = cur.marked or p.lines[0].marked
                cur.end = p.end
                continue
            if headline:
                if cur is None or cur.closed or cur.body or cur.title is not None:
                    cur = new(p.start)
                cur.heads = _heading_lines(p)
                cur.marked = p.lines[0].marked
            else:
                cur.subheads.append(p.text)  # type: ignore[union-attr]
                subhead = True
            cur.end = p.end  # type: ignore[union-attr]
            continue
        # body paragraph; the editor's postscript under a signed letter is no one's text
        if p.text.startswith(("编辑附言", "编者附言")) and cur is not None and cur.body \
                and paras[k - 1].kind in ("source", "byline"):
            continue
        if cur is None or cur.closed or (
            (page_.starts_article(p) or (page_.wide and p.lines[0].gap >= 2)) and cur.body and not after_byline
            and not answer
        ):
            cur = new(p.start)
        body, source = (p.text, None) if asked else _split_trailing_source(p)
        if body:
            cur.body.append(body)  # type: ignore[union-attr]
        cur.end = p.end
        if source is not None:
            cur.source, cur.closed = source, True

    articles = []
    for d in drafts:
        if not d.body and d.title is None:
            continue
        articles.append(
            Article(
                text="\n".join(d.body),  # type: ignore[arg-type]
                title=d.title,
                subheads=tuple(d.all_subheads()),
                source=_source_of(d),
                start=d.start,
                end=d.end,
                index=len(articles),
            )
        )
    return articles
