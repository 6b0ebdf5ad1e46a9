-- Policy library (政策文件), notices (通知公告), FAQ (常见问题) and the secretariat's contact card.
CREATE TABLE policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,               -- 'national' or 'regional'
    seq BIGINT NOT NULL,               -- the number in the seed's list
    title TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '', -- 文号, e.g. 国发〔2019〕4号; '' when the title carries none
    url TEXT NOT NULL DEFAULT '',        -- '' when the seed gives no link
    retired BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (scope, seq)
);
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT '',   -- '' for everyone, else a role code
    pinned BIGINT NOT NULL DEFAULT 0,
    links TEXT NOT NULL DEFAULT '',      -- one URL per line
    published_at BIGINT NOT NULL,
    created_by BIGINT
);
CREATE TABLE faqs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seq BIGINT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE contact_card (
    id BIGINT PRIMARY KEY,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    website TEXT NOT NULL,
    updated_at BIGINT NOT NULL DEFAULT 0
);

-- 一(一) 国家有关文件 (national documents)
INSERT INTO policies (scope, seq, title, doc_number, url, retired, updated_at) VALUES
    ('national', 1, '国务院《关于印发国家职业教育改革实施方案》的通知（国发〔2019〕4号）', '国发〔2019〕4号', 'http://www.gov.cn/zhengce/content/2019-02/13/content_5365341.htm', 0, 0),
    ('national', 2, '教育部等四部门印发《关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案》的通知（教职成〔2019〕6号）', '教职成〔2019〕6号', 'http://www.moe.gov.cn/srcsite/A07/moe_953/201904/t20190415_378129.html', 0, 0),
    ('national', 3, '《关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案》（教职成〔2019〕6号）', '教职成〔2019〕6号', 'http://www.moe.gov.cn/srcsite/A07/moe_953/201904/t20190415_378129.html', 0, 0),
    ('national', 4, '教育部就“学历证书+若干职业技能等级证书”制度《试点方案》问答', '', 'http://www.scio.gov.cn/xwfbh/gbwxwfbh/xwfbh/jyb/Document/1652134/1652134.htm', 0, 0),
    ('national', 5, '人力资源社会保障部 教育部《关于印发职业技能等级证书监督管理办法（试行）》的通知（人社部发〔2019〕34号）', '人社部发〔2019〕34号', 'http://www.gov.cn/zhengce/zhengceku/2019-09/26/content_5433463.htm', 0, 0),
    ('national', 6, '《职业技能等级证书监督管理办法（试行）》(人社部发〔2019〕34号)', '人社部发〔2019〕34号', 'http://www.moe.gov.cn/jyb_xxgk/moe_1777/moe_1779/201905/t20190508_381175.html', 0, 0),
    ('national', 7, '教育部关于深入学习贯彻《国家职业教育改革实施方案》的通知(教职成〔2019〕11号)', '教职成〔2019〕11号', 'http://www.moe.gov.cn/srcsite/A07/zcs_zhgg/201905/t20190517_382357.html', 0, 0),
    ('national', 8, '教育部职教成司《关于扩大1+X证书制度试点规模有关事项的通知》(教职成司函〔2019〕98号)', '教职成司函〔2019〕98号', 'http://www.moe.gov.cn/s78/A07/A07_sjhj/201910/t20191030_406110.html', 0, 0),
    ('national', 9, '教育部办公厅 国家发展改革委办公厅 财政部办公厅《关于推进1+X证书制度试点工作的指导意见》(教职成厅函〔2019〕19号)', '教职成厅函〔2019〕19号', 'http://www.moe.gov.cn/srcsite/A07/zcs_zhgg/201911/t20191118_408736.html', 0, 0),
    ('national', 10, '教育部教师工作司关于组织开展1+X证书制度试点院校教师培训的通知', '', '', 0, 0),
    ('national', 11, '关于授权发布《职业教育培训评价组织遴选与监督管理办法(试行)》的公告', '', 'https://www.miiteec.org.cn/plus/view.php?aid=1043', 0, 0),
    ('national', 12, '职业教育培训评价组织遴选与监督管理办法(试行)', '', '', 0, 0),
    ('national', 13, '教育部等五部门印发《关于进一步加强和规范教育收费管理的意见》的通知(教财〔2020〕5号)', '教财〔2020〕5号', 'http://www.gov.cn/zhengce/zhengceku/2020-08/31/content_5538821.htm', 0, 0),
    ('national', 14, '教育部办公厅等四部门关于进一步做好在院校实施1+X证书制度试点有关经费使用管理工作的通知(教财厅函〔2020〕12号)', '教财厅函〔2020〕12号', 'http://www.gov.cn/zhengce/zhengceku/2020-09/13/content_5543086.htm', 0, 0),
    ('national', 15, '教育部办公厅《关于落实在院校实施的职业技能等级证书考核成本上限设置方案及相关说明的通知》', '', '', 0, 0),
    ('national', 16, '关于在院校实施的职业技能等级证书考核成本上限设置方案的公告', '', 'http://www.cvae.com.cn/zgzcw/zyxw/202001/d4cb460237af4f9bbd504e07b60155ae.shtml', 0, 0),
    ('national', 17, '关于在院校实施的职业技能等级证书考核费用核定和支出相关事项的说明', '', '', 0, 0),
    ('national', 18, '教育部办公厅转发山东省《关于完善高等学校绩效工资内部分配办法的指导意见》的通知(教师厅函〔2020〕9号)', '教师厅函〔2020〕9号', 'http://www.moe.gov.cn/srcsite/A10/s7151/202009/t20200910_486839.html', 0, 0),
    ('national', 19, '关于做好职业教育国家学分银行建设相关工作的通知(教职成司函〔2020〕9号)', '教职成司函〔2020〕9号', 'http://www.moe.gov.cn/s78/A07/A07_sjhj/202004/t20200405_439035.html', 0, 0),
    ('national', 20, '关于发布《职业教育国家学分银行建设工作规程(试行)》的公告', '', '', 0, 0),
    ('national', 21, '《职业教育国家学分银行建设工作规程(试行)》(教职成司函〔2020〕9号)', '教职成司函〔2020〕9号', 'http://www.moe.gov.cn/s78/A07/A07_sjhj/202004/t20200405_439035.html', 0, 0),
    ('national', 22, '关于开展职业教育国家学分银行学习成果存储工作的公告', '', '', 0, 0),
    ('national', 23, '人力资源社会保障部 财政部 教育部《关于扩大院校毕业年度毕业生参加职业技能培训有关政策范围的通知》（人社部发〔2021〕31 号）', '人社部发〔2021〕31号', 'http://www.mohrss.gov.cn/xxgk2020/fdzdgknr/zcfg/gfxwj/rcrs/202105/t20210527_415333.html', 0, 0),
    ('national', 24, '《关于进一步加强 1+X 证书制度试点工作事中事后监管的通知》', '', '', 0, 0);

-- 一(二) 自治区有关文件 (regional documents)
INSERT INTO policies (scope, seq, title, doc_number, url, retired, updated_at) VALUES
    ('regional', 1, '广西壮族自治区人力资源和社会保障厅 广西壮族自治区财政厅 广西壮族自治区教育厅关于扩大院校毕业年度毕业生参加职业技能培训有关政策范围的通知', '', '', 0, 0),
    ('regional', 2, '广西壮族自治区人力资源和社会保障厅关于加快推进职业技能提升行动各项工作的通知', '', '', 0, 0),
    ('regional', 3, '自治区教育厅做好国家第三批 1+X 证书制度试点工作的通知', '', '', 0, 0),
    ('regional', 4, '自治区教育厅关于公布 2020 年国家“1+X”证书制度试点单位（广西）的通知', '', '', 0, 0),
    ('regional', 5, '自治区教育厅办公室关于做好国家第一至四批 1+X 证书制度试点工作的通知', '', '', 0, 0),
    ('regional', 6, '自治区教育厅关于公布 2021 年国家 1+X 证书制度试点单位及牵头院校（广西）的通知', '', '', 0, 0),
    ('regional', 7, '自治区教育厅关于开展 2021 年广西 1+X 证书制度试点工作抽查监测的通知', '', '', 0, 0),
    ('regional', 8, '关于印发《广西 1+X 证书制度试点建设牵头院校职责》的通知', '', '', 0, 0),
    ('regional', 9, '关于组织核算 2021 年广西 1+X 证书制度试点证书考核费用的通知', '', '', 0, 0);

-- 三 常见问题 (FAQ)
INSERT INTO faqs (seq, question, answer, updated_at) VALUES
    (1, '已有账号密码但是登陆不了系统？', '1. 如果是操作问题，请确认是否按要求输入了正确的账号密码或校内有人修改了密码。
2. 忘记系统密码：请联系秘书处工作人员重置密码。
建议每个学校确定专人（最好是统筹部门如教务处工作人员）对接秘书处工作人员，并统一管理账户密码，以免造成错乱。', 0),
    (2, '首次申报无账号，系统搜不到本院校，怎么办？', '请联系秘书处在系统的院校总库添加院校。', 0),
    (3, '系统里申报考试中找不到对应的专业怎么办？', '证书试点专业范围需在证书等级标准中查询，或者向培训评价组织咨询确定的，如果系统无院校想申报的专业，建议院校联系培训评价组织，确定您所选的专业是否能报考该证书，由培训评价单位根据实际情况增加相关专业。培训评价单位的联系方式可在 QQ 工作群查找。如果院校想申报的专业在证书试点专业范围内，但是系统搜索不到，有可能是本科院校，申报证书试点专业是专科专业，此情况请联系秘书处老师。', 0),
    (4, '培训人数是指一次性可培训的人数还是累计人数？申报培训人数是根据什么来确定的。申报等级如何确定？', '一般指累计人数，培训人数具体由各校负责确定，请先与培训评价组织联系，确定培训条件，认真评估本校实际情况再确定人数。申报等级可查看该证书等级标准后评估考试难度后进行评估确定，可登录系统网站进行查看。或者与培训评价组织了解每个级别证书对学生能力的要求，再对本校学生的能力进行评估后进行申报。', 0),
    (5, '怎么来判断学校是申请初级、中级还是高级，抑或能否全部申请？一个学校是否可以同时申报初、中、高级证书？学生是否可以跨级申报？', '是否可以同时申报初、中、高级证书可联系培训评价组织咨询，一般情况下需根据各校的实际情况评估确定，建议以稳步推进为主。同一个证书的不同等级，需分开申报。
对于跨级考试，请与培训评价组织联系，确定申报条件，再结合贵校实际情况进行申报。', 0),
    (6, '佐证资料不上传可以吗？如要上传需传哪些内容？佐证资料有什么要求？', '佐证材料上传的内容没有具体要求，是否需要提供请具体和对应的培训评价组织联系。如提供建议根据对应的证书标准准备有价值的材料。各类证书等级标准请到“职业技能等级证书信息管理服务平台”查询。也可以直接联系相应的培训评价组织询问该证书培训对师资要求和场地、设备等的要求，按照要求提供相关佐证材料。', 0),
    (7, '一个专业是否可以申请多个证书？一个证书是否可以由多个专业申请？', '原则上是可以的，需注意申报专业和证书之间的相关性。如想了解某个职业技能等级证书的标准、可申报的具体专业范围，也可在职业技能等级证书信息管理服务平台网站（网址：https://vslc.ncb.edu.cn/）查询，或直接咨询培训评价组织。', 0),
    (8, '学校的账号可以多人同时登陆进行填报吗？', '可以同时登陆，但可能会有影响。建议各校设置专人或由教务处负责统筹管理账号密码。', 0),
    (9, '系统操作出现故障怎么处理？', '系统出现故障一般为浏览器原因，如：
1. 浏览器问题：①设置问题，如 360 浏览器应设置为兼容模式。
②版本过低的问题：可以换较高版本的浏览器使用，推荐使用较高版本的谷歌浏览器。
2. 电脑系统问题：系统版本太老不支持浏览该系统，建议换一台系统较新的电脑试试。
3. 其他问题：如排除以上方法都不能解决，请联系技术人员处理。', 0),
    (10, '如何知道是否已提交成功申报材料？', '只要在系统提交材料时显示已成功，刷新后在对应的证书后面显示“待审核”就表明已提交成功。', 0);

-- 秘书处联系方式 (secretariat contact card)
INSERT INTO contact_card (id, phone, email, address, website, updated_at) VALUES
    (1, '0771-6709558', 'gxyjxmsc@gxgsxy.com', '广西南宁市西乡塘区鹏飞路 15 号广西工商职业技术学院', 'http://www.gxgsxy.com/public/gx1x/', 0);
