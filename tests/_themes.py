"""A tiny theme corpus we wrote (not the shipped sample page), and a small lexical Classifier fitted on it.

Used by the display, Traditional-Chinese and Dask tests so that they run
whether or not the default model is installed.
"""

from __future__ import annotations

from functools import lru_cache

CORPUS = {
    "community_governance": [
        "社区居民议事会讨论小区停车难题，业委会和物业共同协商解决方案。",
        "街道推行网格化治理，网格员上门收集居民诉求，小区矛盾纠纷就地化解。",
        "老旧小区改造前，社区召开居民协商会，听取居民对加装电梯的意见。",
        "社区引入第三方评估物业服务，居民每季度为物业打分。",
        "城市社区推进基层治理，楼道长和居民代表参与小区公共事务。",
        "村委会修订村规民约，村民议事会共同商量村里的公共事务。",
    ],
    "party_building": [
        "街道党工委组织党员学习会，党支部书记讲授专题党课。",
        "基层党组织开展主题党日活动，党员志愿者带头服务群众。",
        "区委组织部把党支部建在网格上，发挥党员先锋模范作用。",
        "机关党委召开党建工作会议，部署加强党的基层组织建设。",
        "新发展党员在党旗下庄严宣誓，党支部为他们讲授入党第一课。",
        "非公企业成立党组织，党建引领企业发展和职工服务。",
    ],
    "labour_social_work": [
        "市总工会建成职工服务站，为环卫工人和快递员提供饮水休息服务。",
        "工会法律援助中心帮助农民工追回欠薪，维护劳动者合法权益。",
        "社会工作者走进社区，为困难家庭提供专业社工服务。",
        "工会组织职工技能竞赛，劳动模范分享工作经验。",
        "新就业形态劳动者加入工会，外卖骑手有了自己的组织。",
        "企业工会开展集体协商，职工工资和劳动保护写入合同。",
    ],
    "elderly_care": [
        "社区长者食堂为老年人提供助餐服务，高龄老人享受补贴。",
        "养老服务中心开展居家养老上门服务，为独居老人提供照料。",
        "街道推进适老化改造，为老年人家庭安装扶手和紧急呼叫设备。",
        "民政部门扩大养老服务覆盖面，护理员为失能老人提供护理。",
        "日间照料中心组织老人开展文体活动，老年人在家门口享受养老服务。",
        "养老机构提升服务质量，老人在养老院吃得好住得舒心。",
    ],
    "other": [
        "气象台发布暴雨预警，预计明天午后有大到暴雨。",
        "篮球联赛季后赛开打，卫冕冠军首场比赛大胜对手。",
        "新款手机发布，处理器性能提升，电池续航更长。",
        "博物馆推出新展览，展出两百余件出土文物。",
        "高速公路部分路段因大雾临时封闭，车辆绕行。",
        "电影节开幕，多部新片在首映礼上与观众见面。",
    ],
}


def corpus() -> tuple[list[str], list[str]]:
    texts = [t for label in CORPUS for t in CORPUS[label]]
    labels = [label for label in CORPUS for _ in CORPUS[label]]
    return texts, labels


@lru_cache(maxsize=1)
def small_model():
    """A lexical Classifier fitted on CORPUS (a second or two on one core)."""
    from newsnlp import Classifier

    texts, labels = corpus()
    return Classifier(backend="lexical", min_df=1, calibration_folds=3, name="test-themes").fit(texts, labels)
