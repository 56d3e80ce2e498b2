"""Small plan texts for tests that need a user's own plan beside the shipped one."""

# A county plan in the common 一、/（一） style, for upload and multi-plan tests.
TOWN_PLAN = (
    "某县数字乡村发展规划\n"
    "一、发展目标\n"
    "（一）总体目标。\n"
    "到2025年，全县建成乡村光纤宽带网络，行政村5G覆盖率达到百分之九十，建成县级农产品电商服务中心一个。\n"
    "二、重点任务\n"
    "（一）智慧农业。\n"
    "推广大棚物联网监测设备，建设县级农业大数据平台，培育智慧农业示范基地十个。\n"
)
