import { describe, expect, it } from 'vitest';
import { crsOfPrj } from './crs-of-prj.ts';
import { prjCgcs2000, prjGk } from '../../test/fixtures/write-shapefile.ts';

// .prj texts as ArcGIS (ESRI WKT 1), GDAL (OGC WKT 1) and PROJ (WKT 2) write them for the CRSs Chinese forestry
// data comes in.
const gdal4524 = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 36",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",36500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4524"]]`;
const wkt2of4545 = `PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],CONVERSION["3-degree Gauss-Kruger CM 108E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",108,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["northing (X)",north],AXIS["easting (Y)",east],LENGTHUNIT["metre",1],ID["EPSG",4545]]`;
const esri6Degree = prjGk(105, 500000).replace('CGCS2000_3_Degree_GK_CM_105E', 'CGCS2000_GK_CM_105E');
const xian80 = `PROJCS["Xian_1980_3_Degree_GK_CM_108E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
const beijing54 = `GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`;
const wgs84 = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`;
const utm49 = `PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
const mercator = prjGk(108, 500000).replace('"Gauss_Kruger"', '"Mercator"');

const value = (wkt: string) => {
  const r = crsOfPrj(wkt);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (wkt: string) => {
  const r = crsOfPrj(wkt);
  return r.ok ? null : r.message;
};

describe('crsOfPrj', () => {
  it('reads CGCS2000 and WGS84 lon/lat as geographic, without reprojection', () => {
    expect(value(prjCgcs2000)).toMatchObject({ crs: { kind: 'geographic', epsg: 4490 }, inverse: null });
    expect(value(wgs84)).toMatchObject({ crs: { kind: 'geographic', epsg: 4326 }, inverse: null });
  });

  it('reads Gauss-Krüger zones from their parameters, whichever WKT dialect wrote them', () => {
    expect(value(prjGk(108, 500000)).crs).toEqual({ kind: 'gauss-kruger', epsg: 4545, description: 'CGCS2000 3 度带高斯-克吕格 中央经线 108°E（EPSG:4545）' });
    expect(value(gdal4524).crs.epsg).toBe(4524);
    expect(value(wkt2of4545).crs.epsg).toBe(4545);
    expect(value(esri6Degree).crs.epsg).toBe(4507); // 6° CM 105°E
    expect(value(prjGk(105, 18500000)).crs.epsg).toBe(4496); // 6° zone 18, prefixed
    const local = value(prjGk(107.5, 500000));
    expect(local.crs).toMatchObject({ kind: 'gauss-kruger', epsg: null });
    expect(local.inverse!([500000, 0])).toEqual([107.5, 0]);
    expect(value(gdal4524).inverse!([36500000, 0])).toEqual([108, 0]);
  });

  it('refuses other datums, projections and parameters, naming what it found', () => {
    expect(message(xian80)).toContain('西安 80');
    expect(message(beijing54)).toContain('北京 54');
    expect(message(utm49)).toContain('WGS84');
    expect(message(mercator)).toContain('不支持的投影「Mercator」');
    expect(message(prjGk(108, 500000).replace('PARAMETER["False_Northing",0.0]', 'PARAMETER["False_Northing",1000000]'))).toContain('北偏为 1000000');
    expect(message(prjGk(108, 500000).replace('UNIT["Meter",1.0]]', 'UNIT["Foot",0.3048]]'))).toContain('只支持米');
    expect(message(prjGk(108, 500000).replace(/PARAMETER\["Central_Meridian",108\],/, ''))).toContain('缺少中央经线');
    expect(message('hello')).toContain('不是 WKT');
    expect(message('LOCAL_CS["Engineering"]')).toContain('LOCAL_CS');
  });
});
