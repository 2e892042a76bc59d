"""Theme lexicons written from the labelling guidelines (shared/GUIDELINES.md).

Used by the keyword-rules baseline, and as the ``terms`` of the default
classifier: features (the share of sentences naming each theme's terms), never
a hard rule. The lexicon travels inside the model's config.json.
``core`` terms name the theme itself; ``support`` terms are typical of it but
also common elsewhere.
"""

THEMES = {
    "community_governance": {
        "core": [
            "社区治理", "基层治理", "居民自治", "议事会", "居民议事", "协商议事", "网格化", "网格员", "业委会",
            "业主委员会", "物业服务", "枫桥经验", "村规民约", "社区工作者", "居委会", "社区书记", "老旧小区",
            "社区服务中心", "完整社区", "接诉即办", "矛盾调解", "小区治理", "社区营造", "社区社会组织",
        ],
        "support": ["社区", "居民", "小区", "街道", "志愿者", "物业", "网格", "邻里", "协商", "调解", "楼道"],
    },
    "party_building": {
        "core": [
            "党建", "党支部", "党组织", "党委书记", "党员", "主题教育", "党纪学习教育", "从严治党", "八项规定",
            "巡视", "党风廉政", "纪检监察", "审查调查", "党性", "党内", "组织部", "党校", "政治局", "党组",
            "纪委", "违纪", "党纪", "双规", "开除党籍", "留党察看", "四风", "教育实践活动",
        ],
        "support": ["党的建设", "作风", "纪律", "干部", "廉洁", "初心使命", "学习贯彻", "先锋", "反腐", "腐败",
                    "落马", "公款"],
    },
    "labour_social_work": {
        "core": [
            "工会", "总工会", "全总", "职工之家", "工会驿站", "职工帮扶", "劳模", "劳动模范", "大国工匠",
            "劳动权益", "欠薪", "新就业形态", "劳动关系", "社工", "社会工作者", "社工站", "工匠", "劳动者",
            "讨薪", "罢工", "劳动争议", "劳资纠纷",
        ],
        "support": ["职工", "工人", "技能", "维权", "劳动", "快递员", "外卖", "农民工"],
    },
    "elderly_care": {
        "core": [
            "养老服务", "养老机构", "居家养老", "社区养老", "老年助餐", "助餐", "适老化", "长期护理保险",
            "长护险", "银发", "敬老", "养老院", "敬老院", "失能", "医养结合", "老龄", "老年人", "重阳",
        ],
        "support": ["老人", "养老", "照护", "护理", "晚年", "孝"],
    },
}


def theme_hits(text: str) -> dict[str, tuple[int, int]]:
    """(core hits, support hits) per theme: how many occurrences of the theme's terms *text* holds."""
    return {
        theme: (sum(text.count(w) for w in terms["core"]), sum(text.count(w) for w in terms["support"]))
        for theme, terms in THEMES.items()
    }
