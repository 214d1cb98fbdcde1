#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Generates the benchmark's POIs and queries, deterministically (seeded), with the scheme of
# ../shared/bench-peers/setup_postgis.sh: [city] + place word + core word + category, with a
# parallel space-separated pinyin. Writes poi.csv (id,lon,lat,name,name_py) and queries.csv
# (qid,term3,term2,termpy,termtypo).
import csv, math, random, sys

n = int(sys.argv[1]); qn = int(sys.argv[2]); out = sys.argv[3]
rng = random.Random(4242)
cities = [('北京','beijing',116.397,39.909),('上海','shanghai',121.474,31.230),('广州','guangzhou',113.264,23.129),
 ('深圳','shenzhen',114.058,22.543),('杭州','hangzhou',120.155,30.274),('南京','nanjing',118.797,32.060),
 ('西安','xian',108.940,34.341),('成都','chengdu',104.066,30.572),('重庆','chongqing',106.551,29.563),
 ('武汉','wuhan',114.305,30.593),('苏州','suzhou',120.585,31.299),('天津','tianjin',117.201,39.084),
 ('长沙','changsha',112.939,28.228),('郑州','zhengzhou',113.625,34.747),('沈阳','shenyang',123.431,41.806),
 ('青岛','qingdao',120.383,36.067),('厦门','xiamen',118.089,24.480),('昆明','kunming',102.833,24.880),
 ('哈尔滨','haerbin',126.535,45.803),('济南','jinan',117.000,36.675),('福州','fuzhou',119.296,26.074),
 ('合肥','hefei',117.227,31.821),('南昌','nanchang',115.858,28.683),('太原','taiyuan',112.549,37.870),
 ('兰州','lanzhou',103.834,36.061),('贵阳','guiyang',106.630,26.647),('南宁','nanning',108.366,22.817),
 ('洛阳','luoyang',112.454,34.620),('拉萨','lasa',91.117,29.647),('乌鲁木齐','wulumuqi',87.617,43.826)]
w1 = list(zip('西湖 东山 南湖 北海 龙华 金华 长安 天河 白云 青山 翠屏 凤凰 玉泉 紫金 灵隐 清水 黄河 长江 碧水 石门'.split(),
  'xihu dongshan nanhu beihai longhua jinhua changan tianhe baiyun qingshan cuiping fenghuang yuquan zijin lingyin qingshui huanghe changjiang bishui shimen'.split()))
w2 = list(zip('人民 解放 中山 朝阳 和平 建设 文化 新华 光明 胜利 友谊 复兴 太平 永安 兴隆 广济 万寿 观音 文昌 关帝'.split(),
  'renmin jiefang zhongshan chaoyang heping jianshe wenhua xinhua guangming shengli youyi fuxing taiping yongan xinglong guangji wanshou guanyin wenchang guandi'.split()))
w3 = list(zip('公园 寺 博物馆 大厦 小区 路 站 酒店 餐厅 故居 遗址 古镇 学校 医院 广场 塔 桥 书院 祠堂 纪念馆'.split(),
  'gongyuan si bowuguan dasha xiaoqu lu zhan jiudian canting guju yizhi guzhen xuexiao yiyuan guangchang ta qiao shuyuan citang jinianguan'.split()))
pois = []
with open(f'{out}/poi.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'lon', 'lat', 'name', 'name_py'])
    for i in range(1, n + 1):
        c = rng.choice(cities); a = rng.choice(w1); b = rng.choice(w2); k = rng.choice(w3)
        if rng.random() < 0.8:
            r = 0.15 * math.sqrt(-2 * math.log(1 - rng.random())); t = 2 * math.pi * rng.random()
            lon, lat = c[2] + r * math.cos(t), c[3] + r * math.sin(t)
        else:
            lon, lat = 73.5 + 61.5 * rng.random(), 18.2 + 35.3 * rng.random()
        city = rng.random() < 0.5
        name = (c[0] if city else '') + a[0] + b[0] + k[0]
        py = ' '.join(([c[1]] if city else []) + [a[1], b[1], k[1]])
        pois.append((name, py))
        w.writerow([i, f'{lon:.6f}', f'{lat:.6f}', name, py])
with open(f'{out}/queries.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['qid', 'term3', 'term2', 'termpy', 'termtypo'])
    for q in range(1, qn + 1):
        name, py = pois[rng.randrange(n)]
        s3 = rng.randrange(len(name) - 2); s2 = rng.randrange(len(name) - 1)
        pw = py.split(' '); k = rng.randrange(len(pw) - 1)
        core = pw[-2]  # the core word; letters 2 and 3 swapped = a transposition typo
        typo = core[0] + core[2] + core[1] + core[3:]
        w.writerow([q, name[s3:s3 + 3], name[s2:s2 + 2], pw[k] + ' ' + pw[k + 1], typo])
