import { describe, expect, it } from 'vitest';
import { jpegWithExif } from '../../test/fixtures/jpeg-with-exif.ts';
import { readPhotoMetadata, sniffImageType } from './photo-metadata.ts';

// Issue 4 §1: when and where a photo was taken, read from its EXIF; DESIGN.md: times stored in UTC.
describe('readPhotoMetadata', () => {
  it('takes DateTimeOriginal without an offset as Shanghai wall time, and reads an N/E position', async () => {
    const m = await readPhotoMetadata(jpegWithExif({ takenAt: '2024:05:06 09:40:00', lat: 28.84, lon: 108.77 }));
    expect(m.takenAt).toBe('2024-05-06T01:40:00.000Z');
    expect(m.lat).toBeCloseTo(28.84, 6);
    expect(m.lon).toBeCloseTo(108.77, 6);
  });

  it('honours OffsetTimeOriginal when the camera wrote one', async () => {
    expect((await readPhotoMetadata(jpegWithExif({ takenAt: '2024:05:06 09:40:00', offset: '-05:00' }))).takenAt).toBe('2024-05-06T14:40:00.000Z');
    expect((await readPhotoMetadata(jpegWithExif({ takenAt: '2024:05:06 00:10:00', offset: '+09:00' }))).takenAt).toBe('2024-05-05T15:10:00.000Z');
  });

  it('makes S and W positions negative', async () => {
    const m = await readPhotoMetadata(jpegWithExif({ lat: -33.86, lon: -70.65 }));
    expect(m.lat).toBeCloseTo(-33.86, 6);
    expect(m.lon).toBeCloseTo(-70.65, 6);
    expect(m.takenAt).toBeNull();
  });

  it('gives nulls for a photo without EXIF, with broken EXIF, or for bytes that are no image — never throws', async () => {
    const none = { takenAt: null, lon: null, lat: null };
    expect(await readPhotoMetadata(jpegWithExif())).toEqual(none);
    const broken = jpegWithExif({ takenAt: '2024:05:06 09:40:00', lat: 28.84, lon: 108.77 });
    broken.writeUInt32LE(0xfffffff0, 2 + 4 + 6 + 4); // after SOI, APP1 marker+length, 'Exif\0\0', 'II*\0': IFD0 now points past the end
    expect(await readPhotoMetadata(broken)).toEqual(none);
    const truncated = jpegWithExif({ takenAt: '2024:05:06 09:40:00' }).subarray(0, 30);
    expect(await readPhotoMetadata(truncated)).toEqual(none);
    expect(await readPhotoMetadata(new Uint8Array(0))).toEqual(none);
    expect(await readPhotoMetadata(Buffer.from('not an image at all'))).toEqual(none);
  });

  it('refuses impossible or unset camera clocks instead of rolling them over', async () => {
    expect((await readPhotoMetadata(jpegWithExif({ takenAt: '2024:02:30 10:00:00' }))).takenAt).toBeNull();
    expect((await readPhotoMetadata(jpegWithExif({ takenAt: '0000:00:00 00:00:00' }))).takenAt).toBeNull();
    expect((await readPhotoMetadata(jpegWithExif({ takenAt: '2024:05:06 24:00:00' }))).takenAt).toBeNull();
  });

  it('treats 0,0 as no position (what some phones write when GPS had no fix)', async () => {
    expect(await readPhotoMetadata(jpegWithExif({ takenAt: '2024:05:06 09:40:00', lat: 0, lon: 0 }))).toMatchObject({ lon: null, lat: null });
  });
});

describe('sniffImageType', () => {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  it('knows the four upload types by their magic numbers and nothing else', () => {
    expect(sniffImageType(jpegWithExif())).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImageType(Uint8Array.from([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffImageType(Uint8Array.from([0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0]))).toBe('image/heic');
    expect(sniffImageType(Uint8Array.from(ascii('GIF89a......')))).toBeNull();
    expect(sniffImageType(Uint8Array.from([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVEfmt ')]))).toBeNull();
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
  });
});
